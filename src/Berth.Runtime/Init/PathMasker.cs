using Berth.Linux.Mounts;
using Berth.Linux.Native;

namespace Berth.Runtime.Init;

// maskedPaths, readonlyPaths and a read-only root, applied inside the container after pivot_root.
internal static class PathMasker
{
    public static void Mask(IEnumerable<string>? paths)
    {
        foreach (var path in paths ?? [])
        {
            if (Directory.Exists(path))
            {
                Mounter.Mount("tmpfs", path, "tmpfs", MountFlags.ReadOnly, null);
            }
            else if (File.Exists(path))
            {
                Mounter.Mount("/dev/null", path, null, MountFlags.Bind, null);
            }
        }
    }

    public static void MakeReadOnly(IEnumerable<string>? paths)
    {
        foreach (var path in paths ?? [])
        {
            if (!File.Exists(path) && !Directory.Exists(path)) continue;
            Mounter.Mount(path, path, null, MountFlags.Bind | MountFlags.Rec, null);
            Mounter.RemountBind(path, MountFlags.ReadOnly | MountFlags.Rec | Mounter.LockedFlags(path));
        }
    }

    public static void MakeRootReadOnly() =>
        Mounter.RemountBind("/", MountFlags.ReadOnly | Mounter.LockedFlags("/"));
}
