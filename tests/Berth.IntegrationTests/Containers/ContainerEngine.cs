using Berth.IntegrationTests.Daemon;
using Berth.IntegrationTests.Infrastructure;

namespace Berth.IntegrationTests.Containers;

// A Berth daemon with busybox:latest, driven by the real docker CLI. Dispose removes every container (killing
// it, unmounting its rootfs, removing its cgroup) before the daemon and its directory go, also after a failure.
public sealed class ContainerEngine : IDisposable
{
    public DaemonProcess Daemon { get; private set; }
    private readonly string _dir;
    private readonly DaemonNetwork _network;

    public ContainerEngine()
    {
        DockerCli.Require();
        Daemon = new DaemonProcess();
        _dir = Daemon.Dir;
        _network = Daemon.Network!;
        try
        {
            BusyboxImage.ImportInto(Daemon);
        }
        catch
        {
            Daemon.Dispose();
            throw;
        }
    }

    public CommandResult Docker(params string[] args) => Daemon.Client(DockerCli.Require(), args);

    // The docker CLI with stdin from a file holding `stdin`.
    public CommandResult DockerWithInput(string stdin, params string[] args) => Command.Run(_dir, "/usr/bin/env",
        ["DOCKER_HOST=" + Daemon.Host, "DOCKER_CONFIG=" + Path.Combine(_dir, "docker-config"), DockerCli.Require(), .. args],
        stdin, TimeSpan.FromSeconds(60));

    // Any command with this daemon's DOCKER_HOST in its environment (script(1) running docker under a pty).
    public CommandResult WithDockerHost(string stdin, string executable, params string[] args) => Command.Run(_dir, "/usr/bin/env",
        ["DOCKER_HOST=" + Daemon.Host, "DOCKER_CONFIG=" + Path.Combine(_dir, "docker-config"), "TERM=xterm", executable, .. args],
        stdin, TimeSpan.FromSeconds(60));

    // SIGKILLs the daemon (its shims live on) and starts a new one on the same data and exec roots.
    public void CrashAndRestart()
    {
        var old = Daemon;
        old.Kill();
        Daemon = new DaemonProcess(_dir);
    }

    public void Dispose()
    {
        try
        {
            var ids = Docker("ps", "-aq").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (ids.Length > 0) Docker(["rm", "-f", .. ids]);
        }
        finally
        {
            // Whatever the daemon could not remove must not stay mounted under the directory about to be deleted.
            foreach (var line in File.ReadAllLines("/proc/self/mountinfo"))
            {
                var target = line.Split(' ')[4];
                if (target.StartsWith(_dir, StringComparison.Ordinal))
                    Command.Run(_dir, "/bin/umount", ["-l", target]);
            }
            Daemon.Dispose();
            _network.Remove(Path.Combine(_dir, "data"));
            try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
