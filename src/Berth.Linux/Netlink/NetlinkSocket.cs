using System.Runtime.InteropServices;
using Berth.Linux.Native;

namespace Berth.Linux.Netlink;

// A NETLINK_ROUTE socket. It belongs to the network namespace it was created in, for its whole life.
// Requests can be sent together in one datagram; every request asks for an ACK so each one's
// success or error is known, and replies are matched to requests by sequence number.
internal sealed unsafe class NetlinkSocket : IDisposable
{
    private const int SockRaw = 3, SockCloexec = 0x80000, MsgTrunc = 0x20, EINTR = 4;
    private const int ReceiveBufferSize = 64 * 1024;

    private int _fd;
    private uint _sequence;
    private readonly byte[] _receive = new byte[ReceiveBufferSize];

    private NetlinkSocket(int fd)
    {
        _fd = fd;
        _sequence = (uint)Environment.TickCount;
    }

    // Creates the socket in the calling thread's network namespace.
    public static NetlinkSocket Open()
    {
        var fd = Libc.socket(Nl.AfNetlink, SockRaw | SockCloexec, Nl.NetlinkRoute);
        if (fd < 0) throw SyscallException.Last("open rtnetlink socket");
        int one = 1;
        // Best effort: ACKs without the echoed request, and the kernel's explanation of errors.
        Libc.setsockopt(fd, Nl.SolNetlink, Nl.NetlinkCapAck, &one, 4);
        Libc.setsockopt(fd, Nl.SolNetlink, Nl.NetlinkExtAck, &one, 4);
        return new NetlinkSocket(fd);
    }

    public List<byte[]> Execute(NetlinkRequest request) => Execute([request])[0];

    // Sends all requests in one datagram and returns each one's reply payloads (after the nlmsghdr).
    // The kernel carries on with later requests when one fails; the first failure is thrown after all replies are read.
    public List<byte[]>[] Execute(IReadOnlyList<NetlinkRequest> requests)
    {
        ObjectDisposedException.ThrowIf(_fd < 0, this);
        var first = _sequence + 1;
        var total = 0;
        foreach (var r in requests) total += r.Message.Length;
        var datagram = new byte[total];
        var offset = 0;
        foreach (var r in requests)
        {
            var seq = ++_sequence;
            r.Message.CopyTo(datagram, offset);
            MemoryMarshal.Write(datagram.AsSpan(offset + 8), in seq);
            offset += r.Message.Length;
        }
        Send(datagram);

        var replies = new List<byte[]>[requests.Count];
        for (var i = 0; i < replies.Length; i++) replies[i] = [];
        var pending = requests.Count;
        NetlinkException? failure = null;
        while (pending > 0)
        {
            var length = Receive();
            var reader = new NetlinkMessageReader(_receive.AsSpan(0, length));
            while (reader.TryNext(out var message))
            {
                var index = (int)(message.Sequence - first);
                if (index < 0 || index >= requests.Count) continue; // a late reply to an earlier exchange
                var request = requests[index];
                if (message.Type == Nl.Error)
                {
                    var errno = -MemoryMarshal.Read<int>(message.Payload);
                    if (errno != 0) failure ??= new NetlinkException(request.What, errno, ExtendedAckMessage(message));
                    pending--;
                }
                else if (message.Type == Nl.Done)
                {
                    var errno = message.Payload.Length >= 4 ? -MemoryMarshal.Read<int>(message.Payload) : 0;
                    if (errno > 0) failure ??= new NetlinkException(request.What, errno);
                    pending--;
                }
                else if (message.Type != Nl.Noop)
                {
                    replies[index].Add(message.Payload.ToArray());
                }
            }
        }
        if (failure is not null) throw failure;
        return replies;
    }

    // The NLMSGERR_ATTR_MSG text of an error, after the error code and the (capped or full) echoed request.
    private static string? ExtendedAckMessage(NetlinkMessage message)
    {
        if ((message.Flags & Nl.AckTlvs) == 0 || message.Payload.Length < 4 + Nl.HeaderSize) return null;
        const ushort capped = 0x100;
        var echoed = (message.Flags & capped) != 0
            ? Nl.HeaderSize
            : NetlinkAlign.Up((int)MemoryMarshal.Read<uint>(message.Payload[4..]));
        if (4 + echoed > message.Payload.Length) return null;
        var attrs = new NetlinkAttributeReader(message.Payload[(4 + echoed)..]);
        while (attrs.TryNext(out var type, out var value))
        {
            if (type == Nl.ErrAttrMsg) return NetlinkAttributeReader.String(value);
        }
        return null;
    }

    private void Send(byte[] datagram)
    {
        // struct sockaddr_nl of the kernel: family, pad, port id 0, groups 0.
        var address = stackalloc byte[12];
        new Span<byte>(address, 12).Clear();
        *(ushort*)address = Nl.AfNetlink;
        fixed (byte* data = datagram)
        {
            var iov = new Libc.IoVec { Base = data, Len = (nuint)datagram.Length };
            var msg = new Libc.MsgHdr { Name = address, NameLen = 12, Iov = &iov, IovLen = 1 };
            while (true)
            {
                var sent = Libc.sendmsg(_fd, &msg, 0);
                if (sent >= 0) return;
                var errno = Marshal.GetLastPInvokeError();
                if (errno != EINTR) throw new SyscallException("send to rtnetlink", errno);
            }
        }
    }

    private int Receive()
    {
        fixed (byte* buffer = _receive)
        {
            var iov = new Libc.IoVec { Base = buffer, Len = (nuint)_receive.Length };
            var msg = new Libc.MsgHdr { Iov = &iov, IovLen = 1 };
            while (true)
            {
                var received = Libc.recvmsg(_fd, &msg, 0);
                if (received >= 0)
                {
                    if ((msg.Flags & MsgTrunc) != 0)
                        throw new NetlinkException("read rtnetlink reply", 0, "reply larger than the receive buffer");
                    return (int)received;
                }
                var errno = Marshal.GetLastPInvokeError();
                if (errno != EINTR) throw new SyscallException("receive from rtnetlink", errno);
            }
        }
    }

    public void Dispose()
    {
        Fd.Close(_fd);
        _fd = -1;
    }
}
