using Berth.IntegrationTests.Daemon;
using Berth.IntegrationTests.Infrastructure;

namespace Berth.IntegrationTests.Cli;

// A daemon of its own with a "busybox" image (the busybox rootfs imported with docker's CLI), and the two CLIs to
// drive it: berth's own and docker's, for comparison.
public sealed class CliDaemon : IDisposable
{
    public DaemonProcess Daemon { get; }

    public CliDaemon()
    {
        DockerCli.Require();
        Daemon = new DaemonProcess();
        try
        {
            var tar = Path.Combine(Daemon.Dir, "busybox.tar");
            Command.Run(Daemon.Dir, "/usr/bin/tar", ["-C", BusyboxRootfs.Path, "-cf", tar, "."]).EnsureSuccess();
            Docker("import", "-c", "CMD [\"sh\"]", tar, "busybox:latest").EnsureSuccess();
        }
        catch
        {
            Daemon.Dispose();
            throw;
        }
    }

    public CommandResult Berth(params string[] args) => BerthWithInput(null, args);

    public CommandResult BerthWithInput(string? stdin, params string[] args) =>
        Command.Run(Daemon.Dir, "/usr/bin/env", ["BERTH_HOST=", RepoPaths.BerthBinary, "-H", Daemon.Host, .. args], stdin, TimeSpan.FromSeconds(60));

    public CommandResult Docker(params string[] args) => Daemon.Client(DockerCli.Require(), args);

    // Removes whatever a failed test left running, so the daemon's Dispose finds no containers to wait for.
    public void Dispose()
    {
        try
        {
            var left = Berth("ps", "-aq", "--no-trunc").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (left.Length > 0) Berth(["rm", "-f", .. left]);
        }
        finally
        {
            Daemon.Dispose();
        }
    }
}
