using System.Runtime.InteropServices;

namespace Berth.Linux.Native;

// A failed system call, with the errno and a message a user can act on
// ("mount /proc on /x/proc: Permission denied").
public sealed class SyscallException(string what, int errno)
    : Exception($"{what}: {Marshal.GetPInvokeErrorMessage(errno)}")
{
    public int Errno { get; } = errno;

    public static SyscallException Last(string what) => new(what, Marshal.GetLastPInvokeError());

    public static int Check(int rc, string what) => rc < 0 ? throw Last(what) : rc;

    public static long Check(long rc, string what) => rc < 0 ? throw Last(what) : rc;
}
