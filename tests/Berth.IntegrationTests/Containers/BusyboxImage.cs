using Berth.IntegrationTests.Daemon;
using Berth.IntegrationTests.Infrastructure;

namespace Berth.IntegrationTests.Containers;

// busybox:latest for a test daemon: the fixture busybox rootfs as a tarball (made once per run), `docker import`ed
// with CMD ["sh"], as the image tests of other areas can reuse.
public static class BusyboxImage
{
    private static readonly Lazy<string> Tarball = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    public static void ImportInto(DaemonProcess daemon)
    {
        daemon.Client(DockerCli.Require(), "import", "-c", "CMD [\"sh\"]", Tarball.Value, "busybox:latest").EnsureSuccess();
    }

    private static string Build()
    {
        var dir = Directory.CreateTempSubdirectory("berth-it-busybox-tar-").FullName;
        var tar = Path.Combine(dir, "busybox.tar");
        Command.Run(dir, "/bin/tar", ["-C", BusyboxRootfs.Path, "-cf", tar, "."], timeout: TimeSpan.FromMinutes(2)).EnsureSuccess();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(dir, recursive: true);
        return tar;
    }
}
