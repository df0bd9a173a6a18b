using Berth.Linux.Native;
using Berth.Linux.Netlink;

namespace Berth.Network.Sandbox;

// A container's network namespace, made by the daemon before the container starts and pinned at a path under
// the exec root, so interfaces can be added while it runs and the runtime joins it by path.
public static class NetworkSandbox
{
    // Returns an fd of the new namespace (the caller closes it). lo must be up, as in every Docker container:
    // loopbackUp false leaves that to the first endpoint's configuration, which does it in the same request.
    public static int Create(string path, bool loopbackUp = true)
    {
        var fd = NetworkNamespaces.Create();
        try
        {
            NetworkNamespaces.Pin(fd, path);
            if (loopbackUp)
            {
                using var inside = RouteNetlink.OpenInNamespace(fd);
                inside.SetLoopbackUp();
            }
            return fd;
        }
        catch
        {
            NetworkNamespaces.Unpin(path);
            Fd.Close(fd);
            throw;
        }
    }

    public static int Open(string path) => Fd.Open(path, OpenFlags.ReadOnly);

    public static void Remove(string path) => NetworkNamespaces.Unpin(path);
}
