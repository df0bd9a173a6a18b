using System.Runtime.InteropServices;
using Berth.Linux.Native;

namespace Berth.Linux.Processes;

// What a per-container monitor needs to collect its orphans: become their subreaper, and wait for any child.
public static unsafe partial class ChildReaping
{
    private const int PrSetChildSubreaper = 36, EChild = 10, EIntr = 4;

    // Orphaned descendants (a container's init once the runtime that forked it exits) become our children.
    public static void BecomeSubreaper()
    {
        if (prctl(PrSetChildSubreaper, 1, 0, 0, 0) != 0) throw SyscallException.Last("become child subreaper");
    }

    // Blocks until some child exits; returns its pid and shell-style exit code, or null when there are no children.
    public static (int Pid, int ExitCode)? WaitAny()
    {
        while (true)
        {
            int status;
            var pid = waitpid(-1, &status, 0);
            if (pid > 0) return (pid, ProcessWaiter.DecodeStatus(status));
            var errno = Marshal.GetLastPInvokeError();
            if (errno == EIntr) continue;
            if (errno == EChild) return null;
            throw new SyscallException("wait for children", errno);
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int waitpid(int pid, int* status, int options);
}
