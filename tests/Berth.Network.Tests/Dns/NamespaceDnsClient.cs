using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Berth.Network.Dns;

namespace Berth.Network.Tests.Dns;

// Asks 127.0.0.11:53 from sockets made inside a namespace, as a container's resolver library would.
internal static class NamespaceDnsClient
{
    public static readonly IPEndPoint Server = new(IPAddress.Parse("127.0.0.11"), 53);
    private const int TimeoutMs = 10_000;

    public static DnsMessage Query(string name, DnsRecordType type) =>
        new() { Id = (ushort)Random.Shared.Next(ushort.MaxValue), RecursionDesired = true, Questions = [new DnsQuestion(name, type)] };

    public static DnsMessage AskUdp(string netnsPath, DnsMessage query)
    {
        using var socket = NamespaceSockets.Create(netnsPath, () => new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp));
        socket.ReceiveTimeout = TimeoutMs;
        socket.Connect(Server);
        socket.Send(query.Encode());
        var buffer = new byte[65535];
        var reply = DnsMessage.Parse(buffer.AsSpan(0, socket.Receive(buffer)));
        Assert.Equal(query.Id, reply.Id);
        return reply;
    }

    public static DnsMessage AskTcp(string netnsPath, DnsMessage query)
    {
        using var socket = NamespaceSockets.Create(netnsPath, () => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
        socket.ReceiveTimeout = TimeoutMs;
        socket.SendTimeout = TimeoutMs;
        socket.Connect(Server);
        using var stream = new NetworkStream(socket);
        var encoded = query.Encode();
        var framed = new byte[2 + encoded.Length];
        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)encoded.Length);
        encoded.CopyTo(framed, 2);
        stream.Write(framed);
        var length = new byte[2];
        stream.ReadExactly(length);
        var reply = new byte[BinaryPrimitives.ReadUInt16BigEndian(length)];
        stream.ReadExactly(reply);
        var parsed = DnsMessage.Parse(reply);
        Assert.Equal(query.Id, parsed.Id);
        return parsed;
    }

    // The error a UDP query and a TCP connection get when nothing listens at 127.0.0.11:53.
    public static (SocketError Udp, SocketError Tcp) ProbeClosed(string netnsPath)
    {
        using var udp = NamespaceSockets.Create(netnsPath, () => new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp));
        udp.ReceiveTimeout = TimeoutMs;
        udp.Connect(Server);
        udp.Send(Query("web", DnsRecordType.A).Encode());
        var udpError = Assert.Throws<SocketException>(() => udp.Receive(new byte[512])).SocketErrorCode;
        using var tcp = NamespaceSockets.Create(netnsPath, () => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
        var tcpError = Assert.Throws<SocketException>(() => tcp.Connect(Server)).SocketErrorCode;
        return (udpError, tcpError);
    }
}
