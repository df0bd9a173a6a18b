using System.Diagnostics;
using Berth.Linux.Cgroups;
using Berth.Oci.Runtime;

namespace Berth.Linux.Tests.Cgroups;

// Against the real kernel of this machine; needs root and mounted cgroups,
// otherwise each test returns without checking anything.
public sealed class RealCgroupTests : IDisposable
{
    private readonly string _name = "/berth-test-" + Guid.NewGuid().ToString("N")[..12];
    private readonly List<Process> _processes = [];
    private CgroupManager? _manager;

    private static bool Usable =>
        Environment.IsPrivilegedProcess && File.ReadAllText("/proc/self/mountinfo").Contains(" - cgroup", StringComparison.Ordinal);

    private CgroupManager Manager()
    {
        _manager = CgroupManager.Open(_name);
        _manager.Create();
        return _manager;
    }

    public void Dispose()
    {
        foreach (var p in _processes)
        {
            try { if (!p.HasExited) p.Kill(); p.WaitForExit(5000); } catch (InvalidOperationException) { }
            p.Dispose();
        }
        if (_manager is null) return;
        try { _manager.Thaw(); } catch (LinuxException) { }
        _manager.KillAll();
        _manager.Destroy();
    }

    private Process Start(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardInput = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        var p = Process.Start(psi)!;
        _processes.Add(p);
        return p;
    }

    private static string Knob(CgroupManager m, string controller, string file) =>
        File.ReadAllText(Path.Combine(m.PathFor(controller)!, file)).Trim();

    private static void WaitUntil(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "timed out waiting for " + what);
            Thread.Yield();
        }
    }

    [Fact]
    public void Limits_processes_freezing_killing_and_removal_work_on_this_host()
    {
        if (!Usable) return;
        var m = Manager();
        m.Apply(new ResourcesSpec
        {
            Memory = new MemorySpec { Limit = 64L << 20 },
            Pids = new PidsSpec { Limit = 10 },
            Cpu = new CpuSpec { Shares = 512, Quota = 50000, Period = 100000 },
        });
        if (m.PathFor("memory") is not null) Assert.Equal("67108864", Knob(m, "memory", m.Mode == CgroupMode.V2 ? "memory.max" : "memory.limit_in_bytes"));
        if (m.PathFor("pids") is not null) Assert.Equal("10", Knob(m, "pids", "pids.max"));
        if (m.Mode != CgroupMode.V2)
        {
            Assert.Equal("512", Knob(m, "cpu", "cpu.shares"));
            Assert.Equal("50000", Knob(m, "cpu", "cpu.cfs_quota_us"));
            Assert.Equal("100000", Knob(m, "cpu", "cpu.cfs_period_us"));
        }
        else Assert.Equal("50000 100000", Knob(m, "cpu", "cpu.max"));

        var sleep = Start("sleep", "300");
        m.AddProcess(sleep.Id);
        Assert.Contains(sleep.Id, m.Processes());
        Assert.Equal(1, m.ReadPidsCurrent());
        Assert.True(m.ReadMemory()!.Usage >= 0);
        Assert.NotNull(m.ReadCpu());
        Assert.False(m.OomKilled());

        m.Freeze();
        if (m.Mode != CgroupMode.V2) Assert.Equal("FROZEN", Knob(m, "freezer", "freezer.state"));
        m.Thaw();
        if (m.Mode != CgroupMode.V2) Assert.Equal("THAWED", Knob(m, "freezer", "freezer.state"));

        m.KillAll();
        Assert.True(sleep.WaitForExit(10_000), "sleep survived KillAll");
        WaitUntil(() => m.Processes().Count == 0, "the cgroup to empty");

        var dirs = new[] { "memory", "pids", "cpu", "cpuacct", "freezer", "systemd", "" }.Select(m.PathFor).OfType<string>().ToList();
        Assert.All(dirs, d => Assert.True(Directory.Exists(d), d));
        m.Destroy();
        Assert.All(dirs, d => Assert.False(Directory.Exists(d), d));
        m.Destroy(); // idempotent
    }

    [Fact]
    public void Memory_and_memsw_can_be_raised_and_lowered()
    {
        if (!Usable) return;
        var m = Manager();
        if (m.Mode == CgroupMode.V2 || m.PathFor("memory") is not { } dir || !File.Exists(Path.Combine(dir, "memory.memsw.limit_in_bytes"))) return;
        foreach (var (limit, swap) in new[] { (64L << 20, 128L << 20), (256L << 20, 512L << 20), (32L << 20, 48L << 20) })
        {
            m.Apply(new ResourcesSpec { Memory = new MemorySpec { Limit = limit, Swap = swap } });
            Assert.Equal(limit.ToString(), Knob(m, "memory", "memory.limit_in_bytes"));
            Assert.Equal(swap.ToString(), Knob(m, "memory", "memory.memsw.limit_in_bytes"));
        }
    }

    [Fact]
    public void A_knob_the_kernel_rejects_gives_one_clear_line()
    {
        if (!Usable) return;
        var m = Manager();
        if (m.PathFor("cpuset") is null) return;
        var e = Assert.ThrowsAny<Exception>(() => m.Apply(new ResourcesSpec { Cpu = new CpuSpec { Cpus = "999999" } }));
        Assert.True(e is LinuxException or Native.SyscallException, e.GetType().Name);
        Assert.Contains("cpuset.cpus", e.Message);
        Assert.DoesNotContain("\n", e.Message);
    }

    [Fact]
    public void The_oom_killer_is_reported()
    {
        if (!Usable) return;
        var m = Manager();
        if (m.PathFor("memory") is not { } dir) return;
        var memsw = m.Mode != CgroupMode.V2 && File.Exists(Path.Combine(dir, "memory.memsw.limit_in_bytes"));
        m.Apply(new ResourcesSpec { Memory = new MemorySpec { Limit = 16L << 20, Swap = memsw || m.Mode == CgroupMode.V2 ? 16L << 20 : null } });
        // The shell waits for a line, so the allocation happens inside the cgroup.
        var hog = Start("sh", "-c", "read go; exec dd if=/dev/zero of=/dev/null bs=128M count=1");
        m.AddProcess(hog.Id);
        hog.StandardInput.WriteLine("go");
        hog.StandardInput.Close();
        Assert.True(hog.WaitForExit(30_000), "memory hog did not finish");
        Assert.NotEqual(0, hog.ExitCode);
        WaitUntil(m.OomKilled, "the OOM kill to be counted");
    }
}
