using System.Runtime.InteropServices;
using Berth.Linux.Native;

namespace Berth.Linux.Terminal;

// A pseudo-terminal pair opened from the devpts instance mounted at /dev/pts of the calling mount namespace.
public static unsafe class Pty
{
    private const ulong TIOCSCTTY = 0x540E, TIOCSWINSZ = 0x5414;

    public static (int Master, string SlavePath) Open()
    {
        var master = Libc.posix_openpt(OpenFlags.ReadWrite | OpenFlags.NoCtty | OpenFlags.CloseOnExec);
        if (master < 0) throw SyscallException.Last("open /dev/ptmx");
        if (Libc.grantpt(master) != 0 || Libc.unlockpt(master) != 0) throw SyscallException.Last("unlock pseudo-terminal");
        var buf = stackalloc byte[128];
        var rc = Libc.ptsname_r(master, buf, 128);
        if (rc != 0) throw new SyscallException("name pseudo-terminal", rc);
        return (master, Marshal.PtrToStringUTF8((nint)buf)!);
    }

    public static void MakeControlling(int slaveFd)
    {
        if (Libc.ioctl(slaveFd, TIOCSCTTY, 0) != 0) throw SyscallException.Last("make terminal controlling");
    }

    public static void Resize(int fd, ushort rows, ushort cols)
    {
        var ws = stackalloc ushort[4];
        ws[0] = rows;
        ws[1] = cols;
        ws[2] = 0;
        ws[3] = 0;
        if (Libc.ioctl(fd, TIOCSWINSZ, (nint)ws) != 0) throw SyscallException.Last("resize terminal");
    }
}
