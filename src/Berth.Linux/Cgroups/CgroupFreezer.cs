using System.Diagnostics;

namespace Berth.Linux.Cgroups;

// Freezing is asynchronous: the kernel reports FREEZING (v1) or frozen 0 (v2)
// until every task has stopped, so both versions poll to a bounded deadline.
internal static class CgroupFreezer
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    public static void SetV1(CgroupKnobs k, bool frozen)
    {
        var want = frozen ? "FROZEN" : "THAWED";
        var clock = Stopwatch.StartNew();
        for (var i = 0; ; i++)
        {
            // Re-writing the state nudges tasks that were forking when the
            // first write happened, as runc does.
            if (i % 50 == 0) k.Set("freezer.state", want);
            if (k.Read("freezer.state") == want) return;
            if (clock.Elapsed > Deadline)
            {
                if (frozen) k.TrySet("freezer.state", "THAWED");
                throw new LinuxException($"cgroup freezer: {k.Dir} did not reach {want} within {Deadline.TotalSeconds:0}s");
            }
            Backoff(i);
        }
    }

    public static void SetV2(CgroupKnobs k, bool frozen)
    {
        if (!k.Has("cgroup.freeze"))
            throw new LinuxException($"cgroup freezer: {k.Dir} has no cgroup.freeze (kernel older than 5.2?)");
        var want = frozen ? 1 : 0;
        k.Set("cgroup.freeze", want.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var clock = Stopwatch.StartNew();
        for (var i = 0; ; i++)
        {
            if (k.ReadFlatKeyed("cgroup.events").GetValueOrDefault("frozen", -1) == want) return;
            if (clock.Elapsed > Deadline)
            {
                if (frozen) k.TrySet("cgroup.freeze", "0");
                throw new LinuxException($"cgroup freezer: {k.Dir} did not {(frozen ? "freeze" : "thaw")} within {Deadline.TotalSeconds:0}s");
            }
            Backoff(i);
        }
    }

    // Spin briefly (freezing usually settles in microseconds), then yield the CPU.
    private static void Backoff(int i)
    {
        if (i < 20) Thread.SpinWait(100);
        else Thread.Sleep(i < 100 ? 1 : 10);
    }
}
