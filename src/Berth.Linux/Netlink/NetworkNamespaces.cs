using Berth.Linux.Namespaces;
using Berth.Linux.Native;

namespace Berth.Linux.Netlink;

// Network namespaces made by the daemon before a container starts, so its veth and addresses can be set up
// first and the runtime joins it by path. A namespace lives while an fd or a bind mount of it exists.
public static class NetworkNamespaces
{
    // A new, empty network namespace (only a down lo); the caller owns and closes the returned fd.
    public static int Create() =>
        NamespaceThread.Run(NamespaceFlags.NewNet, [], () => Fd.Open("/proc/thread-self/ns/net", OpenFlags.ReadOnly));

    // Keeps a namespace alive at path (like `ip netns add`: a bind mount on an empty file).
    public static void Pin(int netnsFd, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (File.Create(path)) { }
        if (Libc.mount($"/proc/self/fd/{netnsFd}", path, null, MountFlags.Bind, null) != 0)
        {
            var error = SyscallException.Last($"pin network namespace at {path}");
            File.Delete(path);
            throw error;
        }
    }

    // Drops a pinned namespace (it ends once no process or fd holds it); false if nothing was pinned there.
    public static bool Unpin(string path)
    {
        if (!File.Exists(path)) return false;
        const int detach = 2;
        Libc.umount2(path, detach);
        File.Delete(path);
        return true;
    }
}
