using System.Runtime.ExceptionServices;
using Berth.Linux.Native;
using Berth.Linux.Threading;

namespace Berth.Linux.Namespaces;

// Runs work on a fresh thread that first enters namespaces (unshare for new ones, setns for joined ones).
// Namespaces are per thread in Linux, so the rest of the process stays where it was; the thread exits when
// the work is done, and its namespaces stay alive only through the processes it spawned.
public static class NamespaceThread
{
    private const int StackSize = 256 * 1024;
    private static ParkedThread? _parked;

    // Starts the thread the next Run takes, ahead of time: for a standby runtime, whose next Run forks the
    // container's init on the path of its start. The thread is still fresh then: it has entered nothing.
    public static void Park() => Interlocked.Exchange(ref _parked, new ParkedThread("namespaces", StackSize))?.Dismiss();

    public static T Run<T>(int unshareFlags, IReadOnlyList<(NamespaceKind Kind, int Fd)> join, Func<T> work)
    {
        T result = default!;
        ExceptionDispatchInfo? error = null;
        void Body()
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
        }
        if (Interlocked.Exchange(ref _parked, null) is not { } parked || !RunOn(parked, Body)) RunOnNewThread(Body);
        error?.Throw();
        return result;
    }

    // false if the parked thread was no longer free to take it.
    private static bool RunOn(ParkedThread parked, Action body)
    {
        using var done = new ManualResetEventSlim(false, spinCount: 0);
        if (!parked.TryRun(() => { body(); done.Set(); })) return false;
        done.Wait();
        return true;
    }

    private static void RunOnNewThread(Action body)
    {
        var thread = new Thread(() => body(), StackSize);
        thread.Start();
        thread.Join();
    }
}
