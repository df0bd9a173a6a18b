using System.Text;

namespace Berth.Linux.Native;

// File-descriptor plumbing for code outside Berth.Linux: pipes, socketpairs, fifos, raw reads and writes.
public static unsafe class Fd
{
    private const int AfUnix = 1, SockStream = 1, SockCloexec = 0x80000, FGetFd = 1, FSetFd = 2;

    public static (int Read, int Write) Pipe()
    {
        var fds = stackalloc int[2];
        SyscallException.Check(Libc.pipe2(fds, OpenFlags.CloseOnExec), "create pipe");
        return (fds[0], fds[1]);
    }

    public static (int A, int B) SocketPair()
    {
        var fds = stackalloc int[2];
        SyscallException.Check(Libc.socketpair(AfUnix, SockStream | SockCloexec, 0, fds), "create socketpair");
        return (fds[0], fds[1]);
    }

    public static int Open(string path, int flags, uint mode = 0)
    {
        var fd = Libc.open(path, flags | OpenFlags.CloseOnExec, mode);
        return fd >= 0 ? fd : throw SyscallException.Last($"open {path}");
    }

    // Like Open, but reports errno instead of throwing (for fifos and probes).
    public static int TryOpenAt(int dirFd, string path, int flags, out int errno)
    {
        int fd;
        do
        {
            fd = Libc.openat(dirFd, path, flags | OpenFlags.CloseOnExec, 0);
            errno = fd < 0 ? System.Runtime.InteropServices.Marshal.GetLastPInvokeError() : 0;
        } while (fd < 0 && errno == 4);
        return fd;
    }

    public static void MkFifo(string path, uint mode) => SyscallException.Check(Libc.mkfifo(path, mode), $"create fifo {path}");

    public static void Close(int fd)
    {
        if (fd >= 0) Libc.close(fd);
    }

    // A close-on-exec copy of fd at the lowest free number from 3.
    public static int DupCloseOnExec(int fd)
    {
        var copy = Libc.fcntl(fd, 1030 /* F_DUPFD_CLOEXEC */, 3);
        return copy >= 0 ? copy : throw SyscallException.Last($"duplicate fd {fd}");
    }

    public static void Dup2(int from, int to) => SyscallException.Check(Libc.dup2(from, to), $"dup2 {from} to {to}");

    public static void SetCloseOnExec(int fd, bool on)
    {
        var flags = Libc.fcntl(fd, FGetFd, 0);
        SyscallException.Check(Libc.fcntl(fd, FSetFd, on ? flags | 1 : flags & ~1), $"set close-on-exec on fd {fd}");
    }

    public static void WriteAll(int fd, ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data)
        {
            var off = 0;
            while (off < data.Length)
            {
                var n = Libc.write(fd, p + off, (nuint)(data.Length - off));
                if (n < 0)
                {
                    var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
                    if (errno == 4) continue;
                    throw new SyscallException($"write to fd {fd}", errno);
                }
                off += (int)n;
            }
        }
    }

    public static void WriteAll(int fd, string text) => WriteAll(fd, Encoding.UTF8.GetBytes(text));

    // Reads up to buffer.Length bytes; 0 at end of file.
    public static int Read(int fd, Span<byte> buffer)
    {
        fixed (byte* p = buffer)
        {
            while (true)
            {
                var n = Libc.read(fd, p, (nuint)buffer.Length);
                if (n >= 0) return (int)n;
                var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
                if (errno != 4) throw new SyscallException($"read from fd {fd}", errno);
            }
        }
    }

    // Waits until fd is readable or the timeout passes; true if readable.
    public static bool WaitReadable(int fd, int timeoutMs)
    {
        var pfd = new Libc.PollFd { Fd = fd, Events = 1 };
        while (true)
        {
            var rc = Libc.poll(&pfd, 1, timeoutMs);
            if (rc >= 0) return rc > 0;
            if (System.Runtime.InteropServices.Marshal.GetLastPInvokeError() != 4) throw SyscallException.Last("poll");
        }
    }
}
