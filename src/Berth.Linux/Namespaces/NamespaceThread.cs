using System.Runtime.ExceptionServices;
using Berth.Linux.Native;

namespace Berth.Linux.Namespaces;

// Runs work on a fresh thread that first enters namespaces (unshare for new ones, setns for joined ones).
// Namespaces are per thread in Linux, so the rest of the process stays where it was; the thread exits when
// the work is done, and its namespaces stay alive only through the processes it spawned.
public static class NamespaceThread
{
    public static T Run<T>(int unshareFlags, IReadOnlyList<(NamespaceKind Kind, int Fd)> join, Func<T> work)
    {
        T result = default!;
        ExceptionDispatchInfo? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                // Joining or creating a mount namespace needs this thread's own fs_struct (root, cwd, umask).
                SyscallException.Check(Libc.unshare(NamespaceFlags.Fs), "unshare filesystem attributes");
                foreach (var (kind, fd) in join)
                {
                    SyscallException.Check(Libc.setns(fd, kind.CloneFlag), $"join {kind.OciName} namespace");
                }
                if (unshareFlags != 0)
                {
                    SyscallException.Check(Libc.unshare(unshareFlags), "create namespaces");
                }
                result = work();
            }
            catch (Exception e)
            {
                error = ExceptionDispatchInfo.Capture(e);
            }
        }, 256 * 1024);
        thread.Start();
        thread.Join();
        error?.Throw();
        return result;
    }
}
