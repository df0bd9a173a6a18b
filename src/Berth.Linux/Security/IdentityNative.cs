using System.Runtime.InteropServices;

namespace Berth.Linux.Security;

// libc entry points for the user and capability transition. glibc's setgroups,
// setresgid and setresuid change every thread of the process (it broadcasts the
// change), which the multi-threaded .NET init relies on; prctl and capset act on
// the calling thread only, the one that will execve.
internal static unsafe partial class IdentityNative
{
    public const int PR_SET_KEEPCAPS = 8;
    public const int PR_CAPBSET_READ = 23;
    public const int PR_CAPBSET_DROP = 24;
    public const int PR_CAP_AMBIENT = 47;
    public const int PR_CAP_AMBIENT_RAISE = 2;
    public const int PR_CAP_AMBIENT_CLEAR_ALL = 4;

    public const uint LINUX_CAPABILITY_VERSION_3 = 0x20080522;

    [StructLayout(LayoutKind.Sequential)]
    public struct CapHeader
    {
        public uint Version;
        public int Pid;
    }

    // Version 3 uses two of these: bits 0-31, then 32-63.
    [StructLayout(LayoutKind.Sequential)]
    public struct CapData
    {
        public uint Effective;
        public uint Permitted;
        public uint Inheritable;
    }

    // prctl is variadic; passing every argument as a full register is what the C ABI
    // does for the integer arguments on x86_64 and arm64.
    [LibraryImport("libc", SetLastError = true)]
    public static partial int prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int capget(CapHeader* header, CapData* data);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int capset(CapHeader* header, CapData* data);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int setgroups(nuint size, uint* list);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int setresgid(uint rgid, uint egid, uint sgid);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int setresuid(uint ruid, uint euid, uint suid);

    [LibraryImport("libc")]
    public static partial uint umask(uint mask);
}
