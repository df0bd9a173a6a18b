using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Berth.IntegrationTests.Infrastructure;

// The receiving end of `--console-socket`: the runtime connects and passes the pty master as
// SCM_RIGHTS, which .NET sockets cannot receive, hence the recvmsg call.
public sealed partial class ConsoleSocket : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);

    public string Path { get; }

    public ConsoleSocket(string path)
    {
        Path = path;
        _listener.Bind(new UnixDomainSocketEndPoint(path));
        _listener.Listen(1);
    }

    public SafeFileHandle ReceiveMaster(RunningCommand create, TimeSpan timeout)
    {
        var accept = _listener.AcceptAsync();
        // A runtime that exits without connecting would otherwise cost the whole timeout.
        Task.WaitAny([accept, create.Exited], timeout);
        // A connection made before the runtime exited is already queued, so accept completes at once.
        if (!accept.Wait(TimeSpan.FromSeconds(2)))
            throw new Xunit.Sdk.XunitException($"the runtime never connected to the console socket: {(create.HasExited ? create.Wait(TimeSpan.Zero).ToString() : "timed out")}");
        using var connection = accept.Result;
        return new SafeFileHandle(ReceiveFd(connection.SafeHandle.DangerousGetHandle()), ownsHandle: true);
    }

    private static unsafe IntPtr ReceiveFd(IntPtr socket)
    {
        var name = stackalloc byte[4096];
        var control = stackalloc byte[64];
        var iov = new IoVec { Base = name, Length = 4096 };
        var msg = new MsgHdr { Iov = &iov, IovLen = 1, Control = control, ControlLen = 64 };
        if (RecvMsg(socket, &msg, 0) < 0)
            throw new IOException($"recvmsg on the console socket failed: errno {Marshal.GetLastPInvokeError()}");
        // struct cmsghdr { size_t len; int level; int type; } then the fd.
        if (msg.ControlLen < 20 || *(int*)(control + 8) != 1 /* SOL_SOCKET */ || *(int*)(control + 12) != 1 /* SCM_RIGHTS */)
            throw new IOException("the runtime sent no file descriptor on the console socket");
        return *(int*)(control + 16);
    }

    public void Dispose() => _listener.Dispose();

    [StructLayout(LayoutKind.Sequential)]
    private unsafe struct IoVec
    {
        public byte* Base;
        public nuint Length;
    }

    [StructLayout(LayoutKind.Sequential)]
    private unsafe struct MsgHdr
    {
        public void* Name;
        public uint NameLen;
        public IoVec* Iov;
        public nuint IovLen;
        public byte* Control;
        public nuint ControlLen;
        public int Flags;
    }

    [LibraryImport("libc", EntryPoint = "recvmsg", SetLastError = true)]
    private static unsafe partial nint RecvMsg(IntPtr socket, MsgHdr* msg, int flags);
}
