using Berth.IntegrationTests.Infrastructure;
using Berth.Oci.Runtime;

namespace Berth.IntegrationTests.Runtime;

public sealed class ResourceTests
{
    private const long MiB = 1024 * 1024;

    [SkippableTheory, MemberData(nameof(RuntimeCatalog.All), MemberType = typeof(RuntimeCatalog))]
    public void Limits_are_written_to_the_containers_cgroup(string runtime)
    {
        using var rt = RuntimeUnderTest.For(runtime);
        var bundle = rt.NewBundle(["sleep", "1000"], spec => spec.Linux!.Resources = new ResourcesSpec
        {
            Devices = spec.Linux.Resources!.Devices,
            Memory = new MemorySpec { Limit = 32 * MiB, Reservation = 16 * MiB },
            Pids = new PidsSpec { Limit = 10 },
            Cpu = new CpuSpec { Shares = 512, Quota = 50000, Period = 100000, Cpus = "0" },
        });
        var id = rt.NewId();
        rt.Create(bundle, id).EnsureSuccess();
        var path = bundle.Spec.Linux!.CgroupsPath!;

        Assert.Equal((32 * MiB).ToString(), HostInspection.ReadControl("memory", path, "memory.limit_in_bytes", "memory.max"));
        Assert.Equal((16 * MiB).ToString(), HostInspection.ReadControl("memory", path, "memory.soft_limit_in_bytes", "memory.low"));
        Assert.Equal("10", HostInspection.ReadControl("pids", path, "pids.max", "pids.max"));
        Assert.Equal("0", HostInspection.ReadControl("cpuset", path, "cpuset.cpus", "cpuset.cpus"));
        var quota = HostInspection.ReadControl("cpu", path, "cpu.cfs_quota_us", "cpu.max");
        Assert.True(quota is "50000" or "50000 100000", quota);
        // cgroup v2 has no shares; runc's conversion 1 + (shares-2)*9999/262142 gives weight 20.
        var shares = HostInspection.ReadControl("cpu", path, "cpu.shares", "cpu.weight");
        Assert.True(shares is "512" or "20", shares);

        var state = rt.StateOf(id);
        var procs = HostInspection.ReadControl("pids", path, "cgroup.procs", "cgroup.procs");
        Assert.Contains(state.Pid.ToString(), procs.Split('\n'));
    }

    [SkippableTheory, MemberData(nameof(RuntimeCatalog.All), MemberType = typeof(RuntimeCatalog))]
    public void A_process_over_the_memory_limit_is_killed(string runtime)
    {
        using var rt = RuntimeUnderTest.For(runtime);
        // The shell keeps the whole command substitution in memory: 200 MB against a 32 MiB limit.
        var bundle = rt.NewBundle(["sh", "-c", "x=$(head -c 200000000 /dev/zero | tr '\\0' a); echo survived"], spec =>
            spec.Linux!.Resources!.Memory = new MemorySpec { Limit = 32 * MiB });
        var result = rt.Run(bundle, rt.NewId()).ExpectExit(137);
        Assert.DoesNotContain("survived", result.Stdout);
    }

    [SkippableTheory, MemberData(nameof(RuntimeCatalog.All), MemberType = typeof(RuntimeCatalog))]
    public void Forks_beyond_the_pids_limit_fail(string runtime)
    {
        using var rt = RuntimeUnderTest.For(runtime);
        const string forkLoop = "i=0; while [ $i -lt 20 ]; do sleep 1000 & i=$((i+1)); done; echo all-forked";
        var limited = rt.Run(rt.NewBundle(["sh", "-c", forkLoop], spec => spec.Linux!.Resources!.Pids = new PidsSpec { Limit = 10 }), rt.NewId());
        Assert.Contains("can't fork", limited.Stderr);
        Assert.DoesNotContain("all-forked", limited.Stdout);

        // PID 1 exiting takes the sleeps with it, so the control leaves nothing behind either.
        var control = rt.Run(rt.NewBundle(["sh", "-c", forkLoop]), rt.NewId()).EnsureSuccess();
        Assert.Equal("all-forked", control.Stdout.Trim());
    }
}
