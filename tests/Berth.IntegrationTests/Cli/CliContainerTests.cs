using Berth.IntegrationTests.Infrastructure;

namespace Berth.IntegrationTests.Cli;

// berth's own container commands against a real daemon, compared with the docker CLI where output should match.
public sealed class CliContainerTests
{
    [SkippableFact]
    public void Run_prints_the_output_and_removes_the_container()
    {
        using var d = new CliDaemon();
        var run = d.Berth("run", "--rm", "busybox", "echo", "hello").EnsureSuccess();
        Assert.Equal("hello\n", run.Stdout);
        Assert.Equal("", d.Berth("ps", "-aq").EnsureSuccess().Stdout);
    }

    [SkippableFact]
    public void Stdout_and_stderr_stay_apart_and_the_exit_code_is_the_containers()
    {
        using var d = new CliDaemon();
        var run = d.Berth("run", "--rm", "busybox", "sh", "-c", "echo out; echo err >&2; exit 3").ExpectExit(3);
        Assert.Equal("out\n", run.Stdout);
        Assert.Equal("err\n", run.Stderr);
    }

    [SkippableFact]
    public void Interactive_runs_read_stdin_until_its_end()
    {
        using var d = new CliDaemon();
        var run = d.BerthWithInput("one\ntwo\n", "run", "--rm", "-i", "busybox", "sh", "-c", "cat; echo done").EnsureSuccess();
        Assert.Equal("one\ntwo\ndone\n", run.Stdout);
    }

    [SkippableFact]
    public void Detached_container_through_ps_logs_exec_stop_and_rm()
    {
        using var d = new CliDaemon();
        var id = d.Berth("run", "-d", "--name", "web", "busybox", "sh", "-c", "echo started; while true; do sleep 1; done").EnsureSuccess().Stdout.Trim();
        Assert.Matches("^[0-9a-f]{64}$", id);

        var format = "{{.ID}}|{{.Image}}|{{.Command}}|{{.Names}}|{{.State}}";
        var ps = d.Berth("ps", "--format", format).EnsureSuccess().Stdout;
        Assert.Equal($"{id[..12]}|busybox|\"sh -c 'echo started…\"|web|running\n", ps);
        Assert.Equal(d.Docker("ps", "--format", format).EnsureSuccess().Stdout, ps);
        // Column widths follow the CREATED text ("Less than a second ago" or "1 second ago"), which depends on
        // when each command runs; the headings and their order are what must match.
        static string Headings(string table) => string.Join('|', System.Text.RegularExpressions.Regex.Split(table.Split('\n')[0].Trim(), " {2,}"));
        Assert.Equal(Headings(d.Docker("ps").EnsureSuccess().Stdout), Headings(d.Berth("ps").EnsureSuccess().Stdout));

        var inspect = "{{.Name}} {{.State.Status}} {{.Config.Image}} {{json .Config.Cmd}}";
        Assert.Equal(d.Docker("inspect", "--format", inspect, "web").EnsureSuccess().Stdout,
            d.Berth("inspect", "--format", inspect, "web").EnsureSuccess().Stdout);

        WaitForLog(d, "web", "started\n");
        Assert.Equal("hi\n", d.Berth("exec", "web", "echo", "hi").EnsureSuccess().Stdout);
        d.Berth("exec", "web", "sh", "-c", "exit 4").ExpectExit(4);
        Assert.Equal("in\n", d.BerthWithInput("in\n", "exec", "-i", "web", "cat").EnsureSuccess().Stdout);

        Assert.Equal("web\n", d.Berth("stop", "-t", "1", "web").EnsureSuccess().Stdout);
        Assert.Matches(@"^\d+\n$", d.Berth("wait", "web").EnsureSuccess().Stdout);
        Assert.Equal("web\n", d.Berth("rm", "web").EnsureSuccess().Stdout);
        Assert.Equal("", d.Berth("ps", "-aq").EnsureSuccess().Stdout);
    }

    [SkippableFact]
    public void Unknown_containers_and_images_are_reported_as_docker_does()
    {
        using var d = new CliDaemon();
        var rm = d.Berth("rm", "nope").ExpectExit(1);
        Assert.Equal(d.Docker("rm", "nope").ExpectExit(1).Stderr, rm.Stderr);
        var run = d.Berth("run", "--rm", "nosuchimage", "true").ExpectExit(125);
        Assert.StartsWith("Unable to find image 'nosuchimage:latest' locally\n", run.Stderr);
        var bad = d.Berth("run", "-m", "x", "busybox").ExpectExit(125);
        Assert.Equal("berth: invalid argument \"x\" for \"-m, --memory\" flag: invalid size: 'x'\n", bad.Stderr);
    }

    [SkippableFact]
    public void A_tty_session_under_a_pseudo_terminal_echoes_through_the_containers_tty()
    {
        using var d = new CliDaemon();
        // script(1) gives the CLI a pseudo-terminal, so -t goes through raw mode and the container's own pty.
        var line = $"BERTH_HOST= {RepoPaths.BerthBinary} -H {d.Daemon.Host} run --rm -it busybox sh -c 'tty; echo \"cols=$(stty size)\"'";
        var result = Command.Run(d.Daemon.Dir, "/usr/bin/script", ["-qec", line, "/dev/null"], timeout: TimeSpan.FromSeconds(60)).EnsureSuccess();
        Assert.Contains("/dev/pts/", result.Stdout);
        Assert.Contains("cols=", result.Stdout);
    }

    private static void WaitForLog(CliDaemon d, string container, string expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var logs = d.Berth("logs", container).EnsureSuccess();
            if (logs.Stdout == expected) return;
            if (DateTime.UtcNow > deadline) Assert.Equal(expected, logs.Stdout);
            Thread.Yield();
        }
    }
}
