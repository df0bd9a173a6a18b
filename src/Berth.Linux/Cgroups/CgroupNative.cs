using System.Runtime.InteropServices;

namespace Berth.Linux.Cgroups;

// The few libc calls cgroup handling needs. Writes go through open/write so a
// knob gets exactly one write(2) and the caller sees the kernel's errno
// (EBUSY, EINVAL, EPERM mean different things for cgroup files).
internal static partial class CgroupNative
{
    public const int ENOENT = 2;
    public const int ESRCH = 3;
    public const int EINTR = 4;
    public const int EINVAL = 22;
    public const int EBUSY = 16;
    public const int SIGKILL = 9;

    private const int O_WRONLY = 0x1;
    private const int O_TRUNC = 0x200;
    private const int O_CLOEXEC = 0x80000;

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int rmdir(string path);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int kill(int pid, int sig);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static unsafe partial nint Write(int fd, byte* buf, nuint count);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);

    // Returns 0 or the errno of the failed open/write.
    public static unsafe int WriteFile(string path, string value)
    {
        int fd;
        do fd = Open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
        while (fd < 0 && Marshal.GetLastPInvokeError() == EINTR);
        if (fd < 0) return Marshal.GetLastPInvokeError();
        try
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(value);
            nint n;
            fixed (byte* p = bytes)
            {
                do n = Write(fd, p, (nuint)bytes.Length);
                while (n < 0 && Marshal.GetLastPInvokeError() == EINTR);
            }
            if (n < 0) return Marshal.GetLastPInvokeError();
            // A short write to a kernfs file means the kernel did not take the value.
            return n == bytes.Length ? 0 : EINVAL;
        }
        finally
        {
            Close(fd);
        }
    }
}
