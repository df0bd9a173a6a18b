using System.Diagnostics;

namespace Berth.IntegrationTests.Containers;

// The real docker CLI running containers on Berth: run, lifecycle, streams, limits, and a daemon crash.
public sealed class DockerRunTests
{
    [SkippableFact]
    public void Run_rm_prints_the_output_and_leaves_nothing()
    {
        using var e = new ContainerEngine();
        var run = e.Docker("run", "--rm", "busybox", "echo", "hello").EnsureSuccess();
        Assert.Equal("hello\n", run.Stdout);
        Assert.Equal("", e.Docker("ps", "-aq").EnsureSuccess().Stdout);
    }

    [SkippableFact]
    public void Run_rm_of_a_missing_command_fails_and_removes_the_container()
    {
        using var e = new ContainerEngine();
        var run = e.Docker("run", "--rm", "busybox", "/nonexistent").ExpectExit(127);
        Assert.Contains("/nonexistent", run.Stderr);
        Assert.Equal("", e.Docker("ps", "-aq").EnsureSuccess().Stdout);
    }

    [SkippableFact]
    public void Exit_code_propagates()
    {
        using var e = new ContainerEngine();
        e.Docker("run", "--name", "three", "busybox", "sh", "-c", "exit 3").ExpectExit(3);
        Assert.Equal("exited 3", e.Docker("inspect", "three", "--format", "{{.State.Status}} {{.State.ExitCode}}").EnsureSuccess().Stdout.Trim());
    }

    [SkippableFact]
    public void Detached_container_through_ps_logs_inspect_exec_stop_and_rm()
    {
        using var e = new ContainerEngine();
        var id = e.Docker("run", "-d", "--name", "web", "-e", "GREETING=hi", "busybox", "sh", "-c", "echo out; echo err >&2; exec sleep 1000").EnsureSuccess().Stdout.Trim();
        Assert.Matches("^[0-9a-f]{64}$", id);

        var ps = e.Docker("ps", "--format", "{{.ID}} {{.Names}} {{.Status}}").EnsureSuccess();
        Assert.StartsWith($"{id[..12]} web Up", ps.Stdout.Trim());

        // The log is written by the shim; wait for both lines (no sleeps: poll with a deadline).
        var logs = Poll(() => e.Docker("logs", "web"), r => r.Stdout.Contains("out") && r.Stderr.Contains("err"));
        Assert.Equal("out\n", logs.Stdout);
        Assert.Equal("err\n", logs.Stderr);

        Assert.Equal("running true", e.Docker("inspect", "web", "--format", "{{.State.Status}} {{.State.Running}}").EnsureSuccess().Stdout.Trim());
        Assert.Equal("hi", e.Docker("exec", "web", "sh", "-c", "echo $GREETING").EnsureSuccess().Stdout.Trim());
        e.Docker("exec", "web", "sh", "-c", "exit 5").ExpectExit(5);
        Assert.Equal("/tmp", e.Docker("exec", "-w", "/tmp", "web", "pwd").EnsureSuccess().Stdout.Trim());

        var rm = e.Docker("rm", "web");
        Assert.NotEqual(0, rm.ExitCode);
        Assert.Contains("container is running", rm.Stderr);

        // sleep as PID 1 ignores SIGTERM (no handler), so stop ends it with SIGKILL after the timeout, as with Docker.
        e.Docker("stop", "-t", "1", "web").EnsureSuccess();
        Assert.Matches("^exited 137$", e.Docker("inspect", "web", "--format", "{{.State.Status}} {{.State.ExitCode}}").EnsureSuccess().Stdout.Trim());
        e.Docker("rm", "web").EnsureSuccess();
        Assert.Contains("No such container: web", e.Docker("container", "inspect", "web").Stderr);
    }

    [SkippableFact]
    public void Stdin_reaches_the_container_and_its_end_ends_cat()
    {
        using var e = new ContainerEngine();
        var run = e.DockerWithInput("line one\nline two\n", "run", "--rm", "-i", "busybox", "cat").EnsureSuccess();
        Assert.Equal("line one\nline two\n", run.Stdout);
    }

    [SkippableFact]
    public void Interactive_tty_runs_a_shell()
    {
        using var e = new ContainerEngine();
        Skip.If(!File.Exists("/usr/bin/script"), "script(1) is not installed");
        var run = e.WithDockerHost("echo hi-$((40+2))\nexit 7\n", "/usr/bin/script", "-qec", "docker run --rm -it busybox sh", "/dev/null");
        Assert.Contains("hi-42", run.Stdout);
        Assert.Equal(7, run.ExitCode);
    }

    [SkippableFact]
    public void Memory_limit_kills_with_137_and_reports_OOMKilled()
    {
        using var e = new ContainerEngine();
        e.Docker("run", "--name", "hog", "--memory", "32m", "busybox", "sh", "-c", "tail /dev/zero").ExpectExit(137);
        Assert.Equal("137 true", e.Docker("inspect", "hog", "--format", "{{.State.ExitCode}} {{.State.OOMKilled}}").EnsureSuccess().Stdout.Trim());
    }

    [SkippableFact]
    public void Pids_limit_stops_forks_beyond_it()
    {
        using var e = new ContainerEngine();
        // Ten background sleeps under a limit of 5: the shell reports the forks it could not make. When the shell
        // (PID 1) exits, the kernel kills the sleeps with its PID namespace.
        var run = e.Docker("run", "--rm", "--pids-limit", "5", "busybox", "sh", "-c",
            "for i in 1 2 3 4 5 6 7 8 9 10; do sleep 60 & done; echo finished");
        Assert.Contains("can't fork", run.Stdout + run.Stderr);
    }

    [SkippableFact]
    public void Read_only_rootfs_refuses_writes_but_tmpfs_takes_them()
    {
        using var e = new ContainerEngine();
        var write = e.Docker("run", "--rm", "--read-only", "busybox", "touch", "/file");
        Assert.NotEqual(0, write.ExitCode);
        Assert.Contains("Read-only file system", write.Stderr);
        e.Docker("run", "--rm", "--read-only", "--tmpfs", "/scratch", "busybox", "touch", "/scratch/file").EnsureSuccess();
    }

    [SkippableFact]
    public void Missing_image_is_one_error_and_creates_nothing()
    {
        using var e = new ContainerEngine();
        var run = e.Docker("run", "--pull", "never", "nosuchimage:1", "true");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("No such image: nosuchimage:1", run.Stderr);
        Assert.Equal("", e.Docker("ps", "-aq").EnsureSuccess().Stdout);
        Assert.Empty(Directory.GetDirectories(Path.Combine(e.Daemon.DataRoot, "containers")));
    }

    [SkippableFact]
    public void Containers_outlive_a_daemon_killed_with_SIGKILL()
    {
        using var e = new ContainerEngine();
        // The container writes one line, then waits for a file that appears only after the daemon is back.
        e.Docker("run", "-d", "--name", "survivor", "busybox", "sh", "-c",
            "echo before; while [ ! -e /tmp/go ]; do sleep 0.1; done; echo after; exit 4").EnsureSuccess();
        Poll(() => e.Docker("logs", "survivor"), r => r.Stdout.Contains("before"));
        var pid = e.Docker("inspect", "survivor", "--format", "{{.State.Pid}}").EnsureSuccess().Stdout.Trim();

        e.CrashAndRestart();
        Assert.True(Directory.Exists($"/proc/{pid}"), "the container died with the daemon");
        Assert.Equal("running", e.Docker("inspect", "survivor", "--format", "{{.State.Status}}").EnsureSuccess().Stdout.Trim());

        // Let it go on while the new daemon runs: its output and exit reach the new daemon.
        e.Docker("exec", "survivor", "touch", "/tmp/go").EnsureSuccess();
        var wait = e.Docker("wait", "survivor").EnsureSuccess();
        Assert.Equal("4", wait.Stdout.Trim());
        Assert.Equal("before\nafter\n", e.Docker("logs", "survivor").EnsureSuccess().Stdout);
    }

    [SkippableFact]
    public void Output_written_while_the_daemon_is_down_is_in_the_logs_and_the_exit_is_right()
    {
        using var e = new ContainerEngine();
        e.Docker("run", "-d", "--name", "offline", "busybox", "sh", "-c",
            "while [ ! -e /tmp/go ]; do sleep 0.1; done; echo while-down; exit 6").EnsureSuccess();
        var pid = e.Docker("inspect", "offline", "--format", "{{.State.Pid}}").EnsureSuccess().Stdout.Trim();
        e.Daemon.Kill();
        // With the daemon gone, release the container from the host through its root filesystem, and wait for it to end.
        var rootfs = Path.Combine(e.Daemon.DataRoot, "containers");
        var dir = Directory.GetDirectories(rootfs).Single();
        File.WriteAllText(Path.Combine(dir, "rootfs", "tmp", "go"), "");
        var clock = Stopwatch.StartNew();
        while (Directory.Exists($"/proc/{pid}") && clock.Elapsed < TimeSpan.FromSeconds(30)) Thread.Yield();

        e.CrashAndRestart();
        Assert.Equal("exited 6", e.Docker("inspect", "offline", "--format", "{{.State.Status}} {{.State.ExitCode}}").EnsureSuccess().Stdout.Trim());
        Assert.Equal("while-down\n", e.Docker("logs", "offline").EnsureSuccess().Stdout);
    }

    private static Infrastructure.CommandResult Poll(Func<Infrastructure.CommandResult> run, Func<Infrastructure.CommandResult, bool> done)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var r = run();
            if (done(r)) return r;
            if (clock.Elapsed > TimeSpan.FromSeconds(20)) throw new Xunit.Sdk.XunitException($"never satisfied: {r}");
            Thread.Yield();
        }
    }
}
