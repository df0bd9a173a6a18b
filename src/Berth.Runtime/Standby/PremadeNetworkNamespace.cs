using Berth.Linux;
using Berth.Linux.Native;
using Berth.Linux.Namespaces;
using Berth.Linux.Netlink;

namespace Berth.Runtime.Standby;

// A network namespace made while a standby runtime waits for its job, with lo up as init would bring it up
// (InitConfig.NewNetworkNamespace). The kernel takes about a millisecond to make one, on the start of every
// container that gets a new one; the create joins this one instead. Only when the container has no user namespace
// of its own: a network namespace belongs to the user namespace that made it.
public static class PremadeNetworkNamespace
{
    private static int _fd = -1;

    // Best effort: without it the create makes the namespace itself, as a runtime not started ahead does.
    public static void Make()
    {
        var fd = -1;
        try
        {
            fd = NetworkNamespaces.Create();
            using (var inside = RouteNetlink.OpenInNamespace(fd)) inside.SetLoopbackUp();
            _fd = fd;
        }
        catch (Exception e) when (e is SyscallException or NetlinkException)
        {
            Fd.Close(fd);
        }
    }

    // Moves a new network namespace from unshareFlags into joins when one is premade; the caller closes the joins.
    public static int Use(int unshareFlags, List<(NamespaceKind Kind, int Fd)> joins)
    {
        if ((unshareFlags & NamespaceFlags.NewNet) == 0 || (unshareFlags & NamespaceFlags.NewUser) != 0) return unshareFlags;
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd < 0) return unshareFlags;
        joins.Add((NamespaceKind.Network, fd));
        return unshareFlags & ~NamespaceFlags.NewNet;
    }
}
