namespace Berth.IntegrationTests.Infrastructure;

// One busybox rootfs per test run, shared read-only by every bundle. xunit 2 has no assembly
// fixture, so it is built lazily on first use and removed when the test host exits.
public static class BusyboxRootfs
{
    private static readonly Lazy<string> Built = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Path => Built.Value;

    private static string Build()
    {
        var dir = Directory.CreateTempSubdirectory("berth-it-rootfs-").FullName;
        var rootfs = System.IO.Path.Combine(dir, "rootfs");
        var result = Command.Run(dir, "/bin/bash", [RepoPaths.FixtureScript("make-busybox-rootfs.sh"), rootfs], timeout: TimeSpan.FromMinutes(5));
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"building the busybox rootfs failed: {result}");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(dir, recursive: true);
        return rootfs;
    }
}
