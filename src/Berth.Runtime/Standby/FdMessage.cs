using System.Runtime.InteropServices;
using Berth.Linux.Native;

namespace Berth.Runtime.Standby;

// One message with descriptors over a unix socket (SCM_RIGHTS): how a standby runtime gets its job and the
// stdio of the container it is to create.
public static unsafe partial class FdMessage
{
    private const int SolSocket = 1, ScmRights = 1, MsgCmsgCloexec = 0x40000000, MsgNoSignal = 0x4000, EIntr = 4, MaxFds = 8;

    public static void Send(int socket, ReadOnlySpan<byte> data, IReadOnlyList<int> fds)
    {
        if (fds.Count > MaxFds) throw new ArgumentException("too many descriptors", nameof(fds));
        var controlLen = Space(fds.Count);
        var control = stackalloc byte[controlLen];
        new Span<byte>(control, controlLen).Clear();
        *(nuint*)control = (nuint)(16 + 4 * fds.Count);
        *(int*)(control + 8) = SolSocket;
        *(int*)(control + 12) = ScmRights;
        for (var i = 0; i < fds.Count; i++) ((int*)(control + 16))[i] = fds[i];
        fixed (byte* p = data)
        {
            var iov = new IoVec { Base = p, Len = (nuint)data.Length };
            var msg = new MsgHdr { Iov = &iov, IovLen = 1, Control = control, ControlLen = (nuint)controlLen };
            nint n;
            while ((n = sendmsg(socket, &msg, MsgNoSignal)) < 0 && Marshal.GetLastPInvokeError() == EIntr)
            {
            }
            if (n < 0) throw SyscallException.Last("send a job to a standby runtime");
            if (n < data.Length) Fd.WriteAll(socket, data[(int)n..]);
        }
    }

    // Bytes read (0 at end of file); descriptors that came with them are added to fds (close-on-exec).
    public static int Receive(int socket, Span<byte> buffer, List<int> fds)
    {
        var controlLen = Space(MaxFds);
        var control = stackalloc byte[controlLen];
        new Span<byte>(control, controlLen).Clear();
        fixed (byte* p = buffer)
        {
            var iov = new IoVec { Base = p, Len = (nuint)buffer.Length };
            var msg = new MsgHdr { Iov = &iov, IovLen = 1, Control = control, ControlLen = (nuint)controlLen };
            nint n;
            while ((n = recvmsg(socket, &msg, MsgCmsgCloexec)) < 0 && Marshal.GetLastPInvokeError() == EIntr)
            {
            }
            if (n < 0) throw SyscallException.Last("receive a job");
            if (msg.ControlLen >= 16 && *(int*)(control + 8) == SolSocket && *(int*)(control + 12) == ScmRights)
            {
                var count = ((int)*(nuint*)control - 16) / 4;
                for (var i = 0; i < count; i++) fds.Add(((int*)(control + 16))[i]);
            }
            return (int)n;
        }
    }

    private static int Space(int fds) => 16 + ((4 * fds + 7) & ~7);

    [StructLayout(LayoutKind.Sequential)]
    private struct MsgHdr
    {
        public void* Name;
        public uint NameLen;
        public IoVec* Iov;
        public nuint IovLen;
        public void* Control;
        public nuint ControlLen;
        public int Flags;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct IoVec
    {
        public void* Base;
        public nuint Len;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint sendmsg(int fd, MsgHdr* msg, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint recvmsg(int fd, MsgHdr* msg, int flags);
}
