using System.Runtime.ExceptionServices;
using Berth.Linux.Namespaces;
using Berth.Linux.Native;

namespace Berth.Network;

// Creates sockets inside another network namespace (a container's, by its pinned path). A socket belongs to
// the namespace it was created in for its whole life, so only its creation needs to happen there: that runs
// on a dedicated new thread (never a pool thread, which would carry the namespace into unrelated work)
// that joins the namespace, runs create, and returns to the daemon's namespace before it ends. The sockets
// are then used from any thread with ordinary async I/O.
public static class NamespaceSockets
{
    // create makes and binds the sockets; if it throws, it must dispose what it already made.
    public static T Create<T>(string netnsPath, Func<T> create)
    {
        var target = NamespaceFiles.Open(netnsPath, NamespaceKind.Network);
        try
        {
            T result = default!;
            ExceptionDispatchInfo? error = null;
            var thread = new Thread(() =>
            {
                try
                {
                    result = CreateInside(target, create);
                }
                catch (Exception e)
                {
                    error = ExceptionDispatchInfo.Capture(e);
                }
            }, 256 * 1024) { IsBackground = true, Name = "netns sockets" };
            thread.Start();
            thread.Join();
            error?.Throw();
            return result;
        }
        finally
        {
            Fd.Close(target);
        }
    }

    private static T CreateInside<T>(int target, Func<T> create)
    {
        var home = Fd.Open("/proc/thread-self/ns/net", OpenFlags.ReadOnly);
        try
        {
            ThreadNamespaces.Join(target, NamespaceKind.Network);
            try
            {
                return create();
            }
            finally
            {
                // The thread ends right after, so a failure to return cannot leak the namespace into other
                // work; going back anyway keeps the thread plain while the runtime winds it down.
                try
                {
                    ThreadNamespaces.Join(home, NamespaceKind.Network);
                }
                catch (SyscallException)
                {
                }
            }
        }
        finally
        {
            Fd.Close(home);
        }
    }
}
