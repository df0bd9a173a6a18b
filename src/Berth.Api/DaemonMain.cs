using Berth.Engine;
using Berth.Engine.Config;
using Berth.Engine.Containers;
using Berth.Engine.Host;
using Berth.Images;

namespace Berth.Api;

// `berth daemon [dockerd flags]`: reads the settings, refuses bad ones with one line, then serves the API.
public static class DaemonMain
{
    public static int Run(string[] args)
    {
        DaemonOptions options;
        try
        {
            var parsed = DaemonFlags.Parse(args);
            if (parsed.Help)
            {
                Console.Out.Write(Usage);
                return 0;
            }
            if (parsed.Version)
            {
                Console.Out.WriteLine($"Berth version {Http.ServerIdentity.Version}");
                return 0;
            }
            options = parsed.Options;
            DaemonConfigFile.Apply(options, parsed.SetFlags);
        }
        catch (DaemonConfigException e)
        {
            Console.Error.WriteLine(e.Message);
            return e.ExitCode;
        }

        var log = new DaemonLog(options.Debug ? LogLevel.Debug : options.LogLevel);
        var pidFile = options.EffectivePidFile;
        try
        {
            Directory.CreateDirectory(options.DataRoot);
            Directory.CreateDirectory(options.ExecRoot);
            PidFile.Create(pidFile);
            try
            {
                // Before anything touches the host (bridges, the firewall table, containers): a second daemon on a
                // socket in use stops here and leaves the first one's networks alone.
                foreach (var socket in options.EffectiveHosts.Select(Listeners.SocketPath))
                    Listeners.Prepare(socket);
                // One store per data root for the daemon's life; opening it repairs what a crash left half done.
                using var images = ImageStore.Open(options.DataRoot);
                var engine = new DaemonEngine(options, HostFacts.Read(), TimeProvider.System, new ImageStoreStats(images));
                EnableCheapCgroupMoves(log);
                // Containers come back before the API answers: a client never sees a daemon that lost them.
                var containers = new ContainerService(options, images, engine.Events, log.Error);
                containers.Recover();
                images.Usage = containers;
                engine.ContainerCounter = containers.Counts;
                return new DaemonHost(engine, images, containers, log).RunAsync().GetAwaiter().GetResult();
            }
            finally
            {
                PidFile.Remove(pidFile);
            }
        }
        catch (DaemonConfigException e)
        {
            Console.Error.WriteLine($"failed to start daemon: {e.Message}");
            return e.ExitCode;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"failed to start daemon: {e.Message}");
            return 1;
        }
        catch (Berth.Engine.Networks.NetworkException e)
        {
            Console.Error.WriteLine($"failed to start daemon: Error initializing network controller: {e.Message}");
            return 1;
        }
    }

    private const string Usage = """
        Usage:	berth daemon [OPTIONS]

        A self-sufficient runtime for containers: serves the Docker Engine API.

        Options:
              --config-file string        Daemon configuration file (default "/etc/berth/daemon.json")
              --data-root string          Root directory of persistent state (default "/var/lib/berth")
          -D, --debug                     Enable debug mode
              --exec-root string          Root directory for execution state files (default "/run/berth")
          -H, --host list                 Daemon socket(s) to connect to (default unix://<exec-root>/berth.sock)
              --init                      Run an init in the container to forward signals and reap processes
              --init-path string          Path to the init binary (default /usr/bin/tini-static, else docker-init)
              --insecure-registry list    Enable insecure registry communication
              --live-restore              Enable live restore of containers
          -l, --log-level string          Set the logging level ("debug"|"info"|"warn"|"error"|"fatal") (default "info")
          -p, --pidfile string            Path to use for daemon PID file (default "<exec-root>/berth.pid")
              --registry-mirror list      Preferred registry mirror
          -v, --version                   Print version information and quit

        """;

    // See CgroupDynamicModifications: without it every container start waits for an RCU grace period.
    private static void EnableCheapCgroupMoves(DaemonLog log)
    {
        try
        {
            if (Berth.Linux.Cgroups.CgroupDynamicModifications.Enable() is { } mountPoint)
                log.Info($"remounted {mountPoint} with favordynmods, so moving a container's init into its cgroup does not wait for an RCU grace period");
        }
        catch (Exception e) when (e is Berth.Linux.LinuxException or Berth.Linux.Native.SyscallException or IOException)
        {
            log.Warn($"could not enable favordynmods on the cgroup2 mount: {e.Message}; container starts take a few ms longer");
        }
    }
}
