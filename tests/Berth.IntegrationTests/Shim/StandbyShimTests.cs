using System.Diagnostics;
using Berth.IntegrationTests.Containers;
using Berth.IntegrationTests.Infrastructure;

namespace Berth.IntegrationTests.Shim;

// The daemon's standby shims (ShimPool): started ahead of time after a container start, handed the next start,
// and gone with the daemon.
public sealed class StandbyShimTests
{
    [SkippableFact]
    public void A_standby_shim_exits_when_the_daemon_is_killed()
    {
        using var e = new ContainerEngine();
        e.Docker("run", "--rm", "--network", "none", "busybox", "true").EnsureSuccess();
        var standby = WaitForStandby(e.Daemon.Pid);
        e.Daemon.Kill();
        Assert.True(HostInspection.WaitForExit(standby, TimeSpan.FromSeconds(20)), "the standby shim outlived its daemon");
    }

    [SkippableFact]
    public void A_container_started_by_a_standby_shim_runs_and_survives_a_daemon_restart()
    {
        using var e = new ContainerEngine();
        e.Docker("run", "-d", "--name", "cold", "--network", "none", "busybox", "sleep", "600").EnsureSuccess();
        var standby = WaitForStandby(e.Daemon.Pid);
        e.Docker("run", "-d", "--name", "warm", "--network", "none", "busybox", "sh", "-c", "echo from-warm; sleep 600").EnsureSuccess();
        var pid = int.Parse(e.Docker("inspect", "warm", "--format", "{{.State.Pid}}").EnsureSuccess().Stdout.Trim());
        Assert.Equal(standby, ParentOf(pid)); // the standby became the container's shim

        e.CrashAndRestart();
        Assert.True(HostInspection.ProcessAlive(pid), "the container died with the daemon");
        Assert.Equal("running", e.Docker("inspect", "warm", "--format", "{{.State.Status}}").EnsureSuccess().Stdout.Trim());
        Assert.Equal("from-warm\n", e.Docker("logs", "warm").EnsureSuccess().Stdout);
        e.Docker("stop", "-t", "0", "warm").EnsureSuccess();
        Assert.Equal("exited 137", e.Docker("inspect", "warm", "--format", "{{.State.Status}} {{.State.ExitCode}}").EnsureSuccess().Stdout.Trim());
        Assert.True(HostInspection.WaitForExit(standby, TimeSpan.FromSeconds(20)), "the shim outlived its container");
    }

    [SkippableFact]
    public void An_error_in_a_standby_shim_reaches_the_user_as_one_line()
    {
        using var e = new ContainerEngine();
        e.Docker("run", "--rm", "--network", "none", "busybox", "true").EnsureSuccess();
        var standby = WaitForStandby(e.Daemon.Pid);
        var run = e.Docker("run", "--rm", "--network", "none", "busybox", "/nonexistent").ExpectExit(127);
        var line = run.Stderr.Split('\n').Single(l => l.Contains("/nonexistent", StringComparison.Ordinal));
        Assert.Contains("Error response from daemon", line);
        Assert.True(HostInspection.WaitForExit(standby, TimeSpan.FromSeconds(20)), "the standby shim was not the one used");
        Assert.Equal("", e.Docker("ps", "-aq").EnsureSuccess().Stdout);
    }

    // The daemon refills its pool in the background after a start: poll /proc until a standby child shows.
    private static int WaitForStandby(int daemonPid)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out var pid) || ParentOf(pid) != daemonPid) continue;
                try
                {
                    if (File.ReadAllText(Path.Combine(dir, "cmdline")).EndsWith("\0shim\0--standby\0", StringComparison.Ordinal)) return pid;
                }
                catch (IOException)
                {
                }
            }
            if (clock.Elapsed > TimeSpan.FromSeconds(20)) throw new Xunit.Sdk.XunitException("the daemon started no standby shim");
            Thread.Yield();
        }
    }

    private static int ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1]);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
