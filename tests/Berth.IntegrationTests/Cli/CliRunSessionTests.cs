using System.Globalization;
using Berth.IntegrationTests.Infrastructure;

namespace Berth.IntegrationTests.Cli;

// What `berth run`, `create` and `start` do on the CLI's blocking client beyond the plain runs of CliContainerTests:
// the id file, a container created then started, and signals passed on to an attached container.
public sealed class CliRunSessionTests
{
    [SkippableFact]
    public void Create_writes_the_cidfile_and_start_runs_what_was_created()
    {
        using var d = new CliDaemon();
        var cidFile = Path.Combine(d.Daemon.Dir, "cid");
        var id = d.Berth("create", "--cidfile", cidFile, "--name", "job", "busybox", "sh", "-c", "echo made").EnsureSuccess().Stdout.Trim();
        Assert.Matches("^[0-9a-f]{64}$", id);
        Assert.Equal(id, File.ReadAllText(cidFile));

        Assert.Equal("job\n", d.Berth("start", "job").EnsureSuccess().Stdout);
        Assert.Equal("0\n", d.Berth("wait", "job").EnsureSuccess().Stdout);
        Assert.Equal("made\n", d.Berth("logs", "job").EnsureSuccess().Stdout);

        var missing = d.Berth("start", "nope").ExpectExit(1);
        Assert.StartsWith("Error response from daemon: No such container: nope", missing.Stderr);
    }

    [SkippableFact]
    public void A_signal_to_an_attached_run_goes_to_the_container()
    {
        using var d = new CliDaemon();
        using var run = Command.Start(d.Daemon.Dir, "/usr/bin/env", ["BERTH_HOST=", RepoPaths.BerthBinary, "-H", d.Daemon.Host,
            "run", "--rm", "busybox", "sh", "-c", "trap 'echo got TERM; exit 7' TERM; echo ready; while true; do sleep 0.05; done"]);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (run.Read("stdout") != "ready\n")
        {
            Assert.False(run.HasExited, $"run ended early: {run.Read("stderr")}");
            Assert.True(DateTime.UtcNow < deadline, "the container never said it was ready");
            Thread.Yield();
        }

        Command.Run(d.Daemon.Dir, "/bin/kill", ["-TERM", run.Pid.ToString(CultureInfo.InvariantCulture)]).EnsureSuccess();

        var result = run.Wait(TimeSpan.FromSeconds(30));
        Assert.Equal(7, result.ExitCode);
        Assert.Equal("ready\ngot TERM\n", result.Stdout);
    }
}
