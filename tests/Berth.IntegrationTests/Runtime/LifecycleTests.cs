using Berth.IntegrationTests.Infrastructure;

namespace Berth.IntegrationTests.Runtime;

public sealed class LifecycleTests
{
    [SkippableTheory, MemberData(nameof(RuntimeCatalog.All), MemberType = typeof(RuntimeCatalog))]
    public void Create_start_kill_delete_walks_the_states_and_leaves_a_clean_host(string runtime)
    {
        using var rt = RuntimeUnderTest.For(runtime);
        var bundle = rt.NewBundle(["sleep", "1000"]);
        var id = rt.NewId();

        rt.Create(bundle, id).EnsureSuccess();
        var created = rt.StateOf(id);
        Assert.Equal("created", created.Status);
        Assert.Equal(id, created.Id);
        Assert.Equal(bundle.Dir, created.Bundle);
        Assert.False(string.IsNullOrEmpty(created.OciVersion));
        Assert.True(HostInspection.ProcessAlive(created.Pid), $"pid {created.Pid} of a created container is not alive");
        Assert.NotEmpty(HostInspection.CgroupDirs(bundle.Spec.Linux!.CgroupsPath!));

        rt.Start(id).EnsureSuccess();
        var running = rt.StateOf(id);
        Assert.Equal("running", running.Status);
        Assert.Equal(created.Pid, running.Pid);

        rt.Kill(id, "KILL").EnsureSuccess();
        Assert.True(HostInspection.WaitForExit(created.Pid, Command.DefaultTimeout), $"pid {created.Pid} survived SIGKILL");
        Assert.Equal("stopped", rt.StateOf(id).Status);

        rt.Delete(id).EnsureSuccess();
        AssertGone(rt, bundle, id, created.Pid);
    }

    [SkippableTheory, MemberData(nameof(RuntimeCatalog.All), MemberType = typeof(RuntimeCatalog))]
    public void Delete_force_removes_a_running_container(string runtime)
    {
        using var rt = RuntimeUnderTest.For(runtime);
        var bundle = rt.NewBundle(["sleep", "1000"]);
        var id = rt.NewId();
        rt.Create(bundle, id).EnsureSuccess();
        rt.Start(id).EnsureSuccess();
        var pid = rt.StateOf(id).Pid;

        rt.Delete(id, force: true).EnsureSuccess();
        AssertGone(rt, bundle, id, pid);
    }

    [SkippableTheory, MemberData(nameof(RuntimeCatalog.All), MemberType = typeof(RuntimeCatalog))]
    public void Run_reports_128_plus_the_signal_that_killed_pid_1(string runtime)
    {
        using var rt = RuntimeUnderTest.For(runtime);
        var ready = new ReadySignal(rt.WorkDir);
        var bundle = rt.NewBundle(["sh", "-c", ReadySignal.Shell + "exec sleep 1000"], ready.AddTo);
        var id = rt.NewId();
        using var run = rt.StartRun(bundle, id);
        ready.Wait(run);
        var pid = rt.StateOf(id).Pid;

        // PID 1 of a pid namespace ignores signals it has no handler for, except SIGKILL.
        rt.Kill(id, "KILL").EnsureSuccess();
        run.Wait(Command.DefaultTimeout).ExpectExit(137);
        AssertGone(rt, bundle, id, pid);
    }

    [SkippableTheory, MemberData(nameof(RuntimeCatalog.All), MemberType = typeof(RuntimeCatalog))]
    public void Run_reports_sigterm_as_143_outside_a_pid_namespace(string runtime)
    {
        using var rt = RuntimeUnderTest.For(runtime);
        var ready = new ReadySignal(rt.WorkDir);
        var bundle = rt.NewBundle(["sh", "-c", ReadySignal.Shell + "exec sleep 1000"], spec =>
        {
            spec.Linux!.Namespaces!.RemoveAll(ns => ns.Type == "pid");
            ready.AddTo(spec);
        });
        var id = rt.NewId();
        using var run = rt.StartRun(bundle, id);
        ready.Wait(run);

        rt.Kill(id, "TERM").EnsureSuccess();
        run.Wait(Command.DefaultTimeout).ExpectExit(143);
    }

    // `delete` leaves no state entry, cgroup, process or mount behind.
    private static void AssertGone(RuntimeUnderTest rt, Infrastructure.Bundle bundle, string id, int pid)
    {
        Assert.True(rt.State(id).ExitCode != 0, $"state of deleted {id} still succeeds");
        Assert.DoesNotContain(Directory.GetFileSystemEntries(rt.StateRoot), entry => entry.Contains(id, StringComparison.Ordinal));
        Assert.Empty(HostInspection.CgroupDirs(bundle.Spec.Linux!.CgroupsPath!));
        Assert.False(HostInspection.ProcessAlive(pid), $"container process {pid} is still alive");
        Assert.Empty(HostInspection.MountPointsContaining(bundle.Dir));
    }
}
