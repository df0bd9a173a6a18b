using Berth.Linux.FileSystem;

namespace Berth.Engine.Containers.Archive;

// Go's os.FileMode from a Unix st_mode: the permission bits stay, the type and setuid/setgid/sticky bits move to
// Go's own high bits, which is what the docker CLI decodes from the path-stat header.
public static class GoFileMode
{
    public const uint Dir = 1u << 31;
    public const uint Symlink = 1u << 27;
    public const uint Device = 1u << 26;
    public const uint NamedPipe = 1u << 25;
    public const uint Socket = 1u << 24;
    public const uint Setuid = 1u << 23;
    public const uint Setgid = 1u << 22;
    public const uint CharDevice = 1u << 21;
    public const uint Sticky = 1u << 20;

    public static uint FromUnix(uint mode)
    {
        var go = mode & 0x1FF;
        go |= (mode & FileStatus.TypeMask) switch
        {
            FileStatus.TypeDirectory => Dir,
            FileStatus.TypeSymlink => Symlink,
            FileStatus.TypeBlockDevice => Device,
            FileStatus.TypeCharDevice => Device | CharDevice,
            FileStatus.TypeFifo => NamedPipe,
            FileStatus.TypeSocket => Socket,
            _ => 0,
        };
        if ((mode & 0x800) != 0) go |= Setuid;
        if ((mode & 0x400) != 0) go |= Setgid;
        if ((mode & 0x200) != 0) go |= Sticky;
        return go;
    }
}
