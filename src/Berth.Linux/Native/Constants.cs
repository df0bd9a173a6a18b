namespace Berth.Linux.Native;

// Linux x86_64 ABI constants used by Berth.Linux.
public static class MountFlags
{
    public const ulong ReadOnly = 0x1, NoSuid = 0x2, NoDev = 0x4, NoExec = 0x8, Synchronous = 0x10,
        Remount = 0x20, Mandlock = 0x40, DirSync = 0x80, NoSymFollow = 0x100, NoAtime = 0x400, NoDirAtime = 0x800,
        Bind = 0x1000, Move = 0x2000, Rec = 0x4000, Silent = 0x8000, Unbindable = 0x20000, Private = 0x40000,
        Slave = 0x80000, Shared = 0x100000, RelAtime = 0x200000, StrictAtime = 0x1000000, LazyTime = 0x2000000;

    public const ulong Propagation = Unbindable | Private | Slave | Shared;
}

public static class NamespaceFlags
{
    public const int NewNs = 0x00020000, NewCgroup = 0x02000000, NewUts = 0x04000000, NewIpc = 0x08000000,
        NewUser = 0x10000000, NewPid = 0x20000000, NewNet = 0x40000000, Fs = 0x00000200;
}

public static class OpenFlags
{
    public const int ReadOnly = 0, WriteOnly = 1, ReadWrite = 2, Create = 0x40, Exclusive = 0x80, NoCtty = 0x100,
        Truncate = 0x200, Append = 0x400, NonBlock = 0x800, Directory = 0x10000, NoFollow = 0x20000,
        CloseOnExec = 0x80000, Path = 0x200000;
}
