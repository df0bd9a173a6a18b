using System.Runtime.InteropServices;
using System.Text;
using Berth.Linux.Native;

namespace Berth.Linux.Terminal;

// Passing a file descriptor over a unix socket (SCM_RIGHTS), as runc hands a pty master to --console-socket.
public static unsafe class FdPassing
{
    private const int SolSocket = 1, ScmRights = 1, AfUnix = 1, SockStream = 1, SockCloexec = 0x80000;

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
}
