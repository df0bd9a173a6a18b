using System.Runtime.InteropServices;
using Berth.Linux.Native;

namespace Berth.Linux.FileSystem;

// The file syscalls .NET does not expose: device nodes, ownership and times of
// symlinks themselves, hard links. None of them follow a final symlink unless
// its name says so, because callers use them on untrusted trees.
public static partial class FileCalls
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;

    [LibraryImport("libc", EntryPoint = "mknod", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MknodNative(string path, uint mode, ulong dev);

    [LibraryImport("libc", EntryPoint = "mkdir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MkdirNative(string path, uint mode);

    [LibraryImport("libc", EntryPoint = "lchown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LchownNative(string path, uint uid, uint gid);

    [LibraryImport("libc", EntryPoint = "fchmodat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int FchmodatNative(int dirfd, string path, uint mode, int flags);

    [LibraryImport("libc", EntryPoint = "linkat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LinkatNative(int olddirfd, string oldPath, int newdirfd, string newPath, int flags);

    [LibraryImport("libc", EntryPoint = "utimensat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int UtimensatNative(int dirfd, string path, ReadOnlySpan<Timespec> times, int flags);

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    // glibc's makedev: the 12+20 / 8+24 bit split of major and minor.
    public static ulong MakeDevice(uint major, uint minor) =>
        ((ulong)(major & 0xfffff000) << 32) | ((ulong)(major & 0xfff) << 8)
        | ((ulong)(minor & 0xffffff00) << 12) | (minor & 0xff);

    // type is one of FileStatus.Type* (char, block, fifo); permissions are applied
    // separately with Chmod because mknod's are masked by the umask.
    public static void Mknod(string path, uint type, uint major, uint minor) =>
        SyscallException.Check(MknodNative(path, type, MakeDevice(major, minor)), $"mknod {path}");

    // Fails if anything, even a dangling symlink, is already at path.
    public static void Mkdir(string path, uint mode) =>
        SyscallException.Check(MkdirNative(path, mode), $"mkdir {path}");

    public static void Lchown(string path, uint uid, uint gid) =>
        SyscallException.Check(LchownNative(path, uid, gid), $"lchown {path}");

    // Follows symlinks (Linux cannot chmod a symlink); only call on non-symlinks.
    public static void Chmod(string path, uint mode) =>
        SyscallException.Check(FchmodatNative(AtFdCwd, path, mode, 0), $"chmod {path}");

    // A hard link to the entry at target itself, even when it is a symlink.
    public static void HardLink(string target, string path) =>
        SyscallException.Check(LinkatNative(AtFdCwd, target, AtFdCwd, path, 0), $"link {path} to {target}");

    // Sets access and modification times of the path itself, never of a symlink's target.
    public static void SetTimesNoFollow(string path, DateTimeOffset accessTime, DateTimeOffset modificationTime)
    {
        Span<Timespec> times = [ToTimespec(accessTime), ToTimespec(modificationTime)];
        SyscallException.Check(UtimensatNative(AtFdCwd, path, times, AtSymlinkNoFollow), $"utimensat {path}");
    }

    private static Timespec ToTimespec(DateTimeOffset time)
    {
        var ticks = time.UtcTicks - DateTime.UnixEpoch.Ticks;
        var seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var rest);
        if (rest < 0)
        {
            seconds--;
            rest += TimeSpan.TicksPerSecond;
        }
        return new Timespec { Seconds = seconds, Nanoseconds = rest * 100 };
    }
}
