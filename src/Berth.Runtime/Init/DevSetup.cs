using Berth.Linux.Devices;
using Berth.Linux.Mounts;
using Berth.Oci.Runtime;

namespace Berth.Runtime.Init;

// The device nodes and /dev symlinks every container has (runtime-spec "Default Devices"), plus linux.devices.
internal static class DevSetup
{
    private static readonly (string Name, long Major, long Minor)[] Defaults =
    [
        ("null", 1, 3), ("zero", 1, 5), ("full", 1, 7), ("random", 1, 8), ("urandom", 1, 9), ("tty", 5, 0),
    ];

    public static void Populate(string rootfs, IReadOnlyList<DeviceSpec>? devices)
    {
        var dev = SecurePath.Join(rootfs, "/dev");
        Directory.CreateDirectory(dev);
        foreach (var (name, major, minor) in Defaults)
        {
            DeviceNodes.Create(Path.Combine(dev, name), "c", major, minor, 0x1b6 /* 0666 */, 0, 0);
        }
        foreach (var d in devices ?? [])
        {
            var path = SecurePath.Join(rootfs, d.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            DeviceNodes.Create(path, d.Type, d.Major, d.Minor, d.FileMode ?? 0x1b6, d.Uid ?? 0, d.Gid ?? 0);
        }
        Link(dev, "fd", "/proc/self/fd");
        Link(dev, "stdin", "/proc/self/fd/0");
        Link(dev, "stdout", "/proc/self/fd/1");
        Link(dev, "stderr", "/proc/self/fd/2");
        if (File.Exists("/proc/kcore")) Link(dev, "core", "/proc/kcore");
        Link(dev, "ptmx", "pts/ptmx");
    }

    private static void Link(string dev, string name, string target)
    {
        var path = Path.Combine(dev, name);
        if (File.Exists(path) || Directory.Exists(path) || new FileInfo(path).LinkTarget != null) File.Delete(path);
        File.CreateSymbolicLink(path, target);
    }
}
