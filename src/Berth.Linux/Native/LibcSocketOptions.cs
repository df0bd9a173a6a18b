using System.Runtime.InteropServices;

namespace Berth.Linux.Native;

// Socket calls netlink and the raw IPv4 sockets need beyond Libc's socket/sendmsg/recvmsg.
internal static unsafe partial class Libc
{
    [LibraryImport("libc", SetLastError = true)]
    public static partial int setsockopt(int fd, int level, int name, void* value, uint len);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int bind(int fd, byte* addr, uint len);
}
