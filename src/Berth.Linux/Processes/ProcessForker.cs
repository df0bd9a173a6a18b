using Berth.Linux.Native;

namespace Berth.Linux.Processes;

// fork(2) for the runtime's own short-lived process, so a container's init runs the code already loaded
// instead of starting a second .NET process (about 2.5 ms of every container start). Only safe where no
// other thread holds a lock at the moment of the fork: the runtime CLI forks from a thread it made for
// the purpose while its other threads are idle. Never call it from a long-lived multi-threaded process
// (the daemon or a shim); those start `berth runtime` instead.
public static class ProcessForker
{
    // Returns the child's pid in the parent. In the child, runs `child` and exits with its result: the
    // child never returns into the caller's code.
    public static int Fork(Func<int> child)
    {
        var pid = Libc.fork();
        if (pid < 0) throw SyscallException.Last("fork");
        if (pid > 0) return pid;
        var code = 125;
        try
        {
            code = child();
        }
        finally
        {
            Libc._exit(code);
        }
        return 0;
    }
}
