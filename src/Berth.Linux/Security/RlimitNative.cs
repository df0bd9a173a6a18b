using System.Runtime.InteropServices;

namespace Berth.Linux.Security;

internal static unsafe partial class RlimitNative
{
    [StructLayout(LayoutKind.Sequential)]
    public struct Rlimit
    {
        public ulong Cur;
        public ulong Max;
    }

    [LibraryImport("libc", SetLastError = true)]
    public static partial int getrlimit(int resource, Rlimit* limit);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int setrlimit(int resource, Rlimit* limit);
}
