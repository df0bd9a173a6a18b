using System.Net;
using Berth.Linux.Native;

namespace Berth.Linux.Sockets;

// Bound IPv4 sockets made with plain syscalls, for threads that have joined another network namespace: there,
// nothing may start .NET machinery (the socket engine's epoll thread, thread-pool workers), because threads
// inherit the namespace of the thread that creates them and would stay in the container's for good. The caller
// wraps the returned fd in a Socket once back in the daemon's namespace.
public static unsafe class RawIpv4Sockets
{
    private const int AfInet = 2, SockStream = 1, SockDgram = 2, SockCloexec = 0x80000;
    private const int SolSocket = 1, SoReuseAddr = 2;

    public static int BindUdp(IPAddress address, int port) => Bind(SockDgram, address, port, listenBacklog: null);

    public static int ListenTcp(IPAddress address, int port, int backlog) => Bind(SockStream, address, port, backlog);

    private static int Bind(int type, IPAddress address, int port, int? listenBacklog)
    {
        var fd = Libc.socket(AfInet, type | SockCloexec, 0);
        SyscallException.Check(fd, "socket");
        try
        {
            if (listenBacklog is not null)
            {
                // A restarted listener must not wait for old connections in TIME_WAIT.
                var on = 1;
                SyscallException.Check(Libc.setsockopt(fd, SolSocket, SoReuseAddr, &on, sizeof(int)), "setsockopt SO_REUSEADDR");
            }
            // struct sockaddr_in: family, port (big-endian), address, 8 bytes of padding.
            var sockaddr = stackalloc byte[16];
            new Span<byte>(sockaddr, 16).Clear();
            sockaddr[0] = AfInet;
            sockaddr[2] = (byte)(port >> 8);
            sockaddr[3] = (byte)port;
            address.GetAddressBytes().CopyTo(new Span<byte>(sockaddr + 4, 4));
            SyscallException.Check(Libc.bind(fd, sockaddr, 16), $"bind {address}:{port}");
            if (listenBacklog is { } backlog) SyscallException.Check(Libc.listen(fd, backlog), $"listen {address}:{port}");
            return fd;
        }
        catch
        {
            Fd.Close(fd);
            throw;
        }
    }
}
