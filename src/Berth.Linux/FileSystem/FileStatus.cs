using System.Runtime.InteropServices;
using Berth.Linux.Native;

namespace Berth.Linux.FileSystem;

// What lstat tells about one path, without following a final symlink. .NET's
// FileSystemInfo hides owner, device numbers, inode and link count, which tar
// needs for ownership, device nodes and hard links.
public readonly record struct FileStatus(
    uint Mode, uint Uid, uint Gid, ulong Inode, ulong DeviceId, uint LinkCount, long Size,
    uint RdevMajor, uint RdevMinor, long MtimeSeconds, uint MtimeNanoseconds)
{
    public const uint TypeMask = 0xF000;
    public const uint TypeFifo = 0x1000;
    public const uint TypeCharDevice = 0x2000;
    public const uint TypeDirectory = 0x4000;
    public const uint TypeBlockDevice = 0x6000;
    public const uint TypeRegular = 0x8000;
    public const uint TypeSymlink = 0xA000;
    public const uint TypeSocket = 0xC000;

    public uint Type => Mode & TypeMask;
    public uint Permissions => Mode & 0xFFF; // rwx plus setuid, setgid, sticky
    public bool IsDirectory => Type == TypeDirectory;
    public bool IsSymlink => Type == TypeSymlink;
    public bool IsRegular => Type == TypeRegular;

    public DateTimeOffset ModificationTime =>
        DateTimeOffset.FromUnixTimeSeconds(MtimeSeconds).AddTicks(MtimeNanoseconds / 100);
}

public static partial class FileStatusCalls
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7ff;
    private const int Enoent = 2;

    // statx rather than lstat: its struct layout is the same on every
    // architecture, where struct stat is not.
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct Statx
    {
        [FieldOffset(16)] public uint Nlink;
        [FieldOffset(20)] public uint Uid;
        [FieldOffset(24)] public uint Gid;
        [FieldOffset(28)] public ushort Mode;
        [FieldOffset(32)] public ulong Ino;
        [FieldOffset(40)] public ulong Size;
        [FieldOffset(112)] public long MtimeSec;
        [FieldOffset(120)] public uint MtimeNsec;
        [FieldOffset(128)] public uint RdevMajor;
        [FieldOffset(132)] public uint RdevMinor;
        [FieldOffset(136)] public uint DevMajor;
        [FieldOffset(140)] public uint DevMinor;
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int StatxNative(int dirfd, string path, int flags, uint mask, out Statx buffer);

    public static FileStatus Lstat(string path) =>
        TryLstat(path) ?? throw new SyscallException($"lstat {path}", Enoent);

    // Null when nothing is at the path; any other failure throws.
    public static FileStatus? TryLstat(string path)
    {
        if (StatxNative(AtFdCwd, path, AtSymlinkNoFollow, StatxBasicStats, out var s) < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno == Enoent ? null : throw new SyscallException($"lstat {path}", errno);
        }
        return new FileStatus(s.Mode, s.Uid, s.Gid, s.Ino, ((ulong)s.DevMajor << 32) | s.DevMinor, s.Nlink,
            (long)s.Size, s.RdevMajor, s.RdevMinor, s.MtimeSec, s.MtimeNsec);
    }
}
