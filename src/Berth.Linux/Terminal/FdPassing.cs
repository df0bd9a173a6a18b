using System.Runtime.InteropServices;
using System.Text;
using Berth.Linux.Native;

namespace Berth.Linux.Terminal;

// Passing file descriptors over a unix socket (SCM_RIGHTS): one, as runc hands a pty master to --console-socket, or
// several with a message, as a standby runtime gets its job and the stdio of the container it is to create.
public static unsafe class FdPassing
{
    private const int SolSocket = 1, ScmRights = 1, AfUnix = 1, SockStream = 1, SockCloexec = 0x80000;
    private const int MsgCmsgCloexec = 0x40000000, MsgNoSignal = 0x4000, EIntr = 4, MaxFds = 8;

    public static int ConnectUnix(string path)
    {
        var fd = Libc.socket(AfUnix, SockStream | SockCloexec, 0);
        if (fd < 0) throw SyscallException.Last("create unix socket");
        var addr = stackalloc byte[110];
        new Span<byte>(addr, 110).Clear();
        *(ushort*)addr = AfUnix;
        var pathBytes = Encoding.UTF8.GetBytes(path);
        if (pathBytes.Length > 107) throw new LinuxException($"socket path too long: {path}");
        pathBytes.CopyTo(new Span<byte>(addr + 2, 107));
        if (Libc.connect(fd, addr, (uint)(2 + pathBytes.Length + 1)) != 0)
        {
            var e = SyscallException.Last($"connect to {path}");
            Libc.close(fd);
            throw e;
        }
        return fd;
    }

    public static void Send(int socketFd, int fdToSend, string name)
    {
        var payload = Encoding.UTF8.GetBytes(name.Length == 0 ? "fd" : name);
        var control = stackalloc byte[24];
        new Span<byte>(control, 24).Clear();
        *(nuint*)control = 20; // CMSG_LEN(sizeof(int))
        *(int*)(control + 8) = SolSocket;
        *(int*)(control + 12) = ScmRights;
        *(int*)(control + 16) = fdToSend;
        fixed (byte* p = payload)
        {
            var iov = new Libc.IoVec { Base = p, Len = (nuint)payload.Length };
            var msg = new Libc.MsgHdr { Iov = &iov, IovLen = 1, Control = control, ControlLen = 24 };
            if (Libc.sendmsg(socketFd, &msg, 0) < 0) throw SyscallException.Last("send terminal to console socket");
        }
    }

    // Receives one descriptor (and the name sent with it); -1 if the peer closed without sending.
    public static int Receive(int socketFd, out string name)
    {
        var buffer = stackalloc byte[4096];
        var control = stackalloc byte[24];
        new Span<byte>(control, 24).Clear();
        var iov = new Libc.IoVec { Base = buffer, Len = 4096 };
        var msg = new Libc.MsgHdr { Iov = &iov, IovLen = 1, Control = control, ControlLen = 24 };
        nint n;
        while ((n = Libc.recvmsg(socketFd, &msg, 0x40000000 /* MSG_CMSG_CLOEXEC */)) < 0 && Marshal.GetLastPInvokeError() == 4)
        {
        }
        if (n < 0) throw SyscallException.Last("receive from console socket");
        name = Encoding.UTF8.GetString(buffer, (int)n);
        if (msg.ControlLen < 20 || *(int*)(control + 12) != ScmRights) return -1;
        return *(int*)(control + 16);
    }

    // data with up to 8 descriptors in one message (the rest of data, if the socket takes less, follows alone).
    public static void Send(int socket, ReadOnlySpan<byte> data, IReadOnlyList<int> fds)
    {
        if (fds.Count > MaxFds) throw new ArgumentException("too many descriptors", nameof(fds));
        var controlLen = ControlSpace(fds.Count);
        var control = stackalloc byte[controlLen];
        new Span<byte>(control, controlLen).Clear();
        *(nuint*)control = (nuint)(16 + 4 * fds.Count);
        *(int*)(control + 8) = SolSocket;
        *(int*)(control + 12) = ScmRights;
        for (var i = 0; i < fds.Count; i++) ((int*)(control + 16))[i] = fds[i];
        fixed (byte* p = data)
        {
            var iov = new Libc.IoVec { Base = p, Len = (nuint)data.Length };
            var msg = new Libc.MsgHdr { Iov = &iov, IovLen = 1, Control = control, ControlLen = (nuint)controlLen };
            nint n;
            while ((n = Libc.sendmsg(socket, &msg, MsgNoSignal)) < 0 && Marshal.GetLastPInvokeError() == EIntr)
            {
            }
            if (n < 0) throw SyscallException.Last("send a message with descriptors");
            if (n < data.Length) Fd.WriteAll(socket, data[(int)n..]);
        }
    }

    // Bytes read (0 at end of file); descriptors that came with them are added to fds (close-on-exec).
    public static int Receive(int socket, Span<byte> buffer, List<int> fds)
    {
        var controlLen = ControlSpace(MaxFds);
        var control = stackalloc byte[controlLen];
        new Span<byte>(control, controlLen).Clear();
        fixed (byte* p = buffer)
        {
            var iov = new Libc.IoVec { Base = p, Len = (nuint)buffer.Length };
            var msg = new Libc.MsgHdr { Iov = &iov, IovLen = 1, Control = control, ControlLen = (nuint)controlLen };
            nint n;
            while ((n = Libc.recvmsg(socket, &msg, MsgCmsgCloexec)) < 0 && Marshal.GetLastPInvokeError() == EIntr)
            {
            }
            if (n < 0) throw SyscallException.Last("receive a message with descriptors");
            if (msg.ControlLen >= 16 && *(int*)(control + 8) == SolSocket && *(int*)(control + 12) == ScmRights)
            {
                var count = ((int)*(nuint*)control - 16) / 4;
                for (var i = 0; i < count; i++) fds.Add(((int*)(control + 16))[i]);
            }
            return (int)n;
        }
    }

    // CMSG_SPACE for that many ints.
    private static int ControlSpace(int fds) => 16 + ((4 * fds + 7) & ~7);
}
