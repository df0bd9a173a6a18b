using Berth.Linux.Native;

namespace Berth.Linux.Devices;

// Device special files, made with mknod as a real-root runtime does.
public static class DeviceNodes
{
    private const uint S_IFCHR = 0x2000, S_IFBLK = 0x6000, S_IFIFO = 0x1000;

    public static ulong MakeDev(long major, long minor) =>
        ((ulong)(major & 0xfffff000) << 32) | ((ulong)(major & 0xfff) << 8)
        | ((ulong)(minor & 0xffffff00) << 12) | (ulong)(minor & 0xff);

    // type: "c" or "u" (character, unbuffered), "b" (block), "p" (fifo). An existing node is replaced.
    public static void Create(string path, string type, long major, long minor, uint mode, uint uid, uint gid)
    {
        var kind = type switch
        {
            "c" or "u" => S_IFCHR,
            "b" => S_IFBLK,
            "p" => S_IFIFO,
            _ => throw new LinuxException($"unknown device type \"{type}\" for {path}"),
        };
        if (File.Exists(path) || Directory.Exists(path)) File.Delete(path);
        var rc = Libc.mknod(path, kind | (mode & 0xfff), kind == S_IFIFO ? 0 : MakeDev(major, minor));
        SyscallException.Check(rc, $"create device {path}");
        // mknod applies the umask; the spec's mode is meant literally.
        SyscallException.Check(Libc.chmod(path, mode & 0xfff), $"chmod device {path}");
        SyscallException.Check(Libc.lchown(path, uid, gid), $"chown device {path}");
    }
}
