using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Berth.Network.Dns;

namespace Berth.Network.Tests.Dns;

// How the server treats bad input, idle or surplus TCP clients, and a scope that fails.
public sealed class EmbeddedDnsServerLimitsTests
{
    private static Socket UdpIn(string netnsPath) =>
        NamespaceSockets.Create(netnsPath, () => new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp));

    private static Socket TcpIn(string netnsPath) =>
        NamespaceSockets.Create(netnsPath, () => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));

    [Fact]
    public void A_malformed_query_gets_a_format_error_and_the_server_keeps_answering()
    {
        using var ns = new ThrowawayNamespace();
        using var server = new EmbeddedDnsServer([]);
        using var served = server.Serve(ns.Path, new DictionaryScope().Add("web", "10.0.0.5"));

        using var udp = UdpIn(ns.Path);
        udp.ReceiveTimeout = 10_000;
        udp.Connect(NamespaceDnsClient.Server);
        udp.Send(Convert.FromHexString("beef0100000100000000000003776562")); // the name never ends
        var buffer = new byte[512];
        var reply = DnsMessage.Parse(buffer.AsSpan(0, udp.Receive(buffer)));
        Assert.Equal(((ushort)0xbeef, true, DnsResponseCode.FormatError), (reply.Id, reply.IsResponse, reply.ResponseCode));

        var twoQuestions = NamespaceDnsClient.Query("web", DnsRecordType.A) with
        {
            Questions = [new DnsQuestion("web", DnsRecordType.A), new DnsQuestion("web", DnsRecordType.AAAA)],
        };
        Assert.Equal(DnsResponseCode.FormatError, NamespaceDnsClient.AskUdp(ns.Path, twoQuestions).ResponseCode);
        var notify = NamespaceDnsClient.Query("web", DnsRecordType.SOA) with { Opcode = 4 };
        Assert.Equal(DnsResponseCode.NotImplemented, NamespaceDnsClient.AskUdp(ns.Path, notify).ResponseCode);

        Assert.Equal(DnsResponseCode.NoError, NamespaceDnsClient.AskUdp(ns.Path, NamespaceDnsClient.Query("web", DnsRecordType.A)).ResponseCode);
    }

    [Fact]
    public void A_scope_that_throws_gives_servfail_and_a_log_line()
    {
        using var ns = new ThrowawayNamespace();
        var log = new ConcurrentQueue<string>();
        using var server = new EmbeddedDnsServer([], new EmbeddedDnsOptions { Log = log.Enqueue });
        using var served = server.Serve(ns.Path, new ThrowingScope());

        Assert.Equal(DnsResponseCode.ServerFailure, NamespaceDnsClient.AskUdp(ns.Path, NamespaceDnsClient.Query("web", DnsRecordType.A)).ResponseCode);
        Assert.Contains(log, line => line.Contains("looking up web failed: network state unavailable"));
    }

    [Fact]
    public void An_idle_tcp_client_is_disconnected()
    {
        using var ns = new ThrowawayNamespace();
        using var server = new EmbeddedDnsServer([], new EmbeddedDnsOptions { TcpIdleTimeout = TimeSpan.FromMilliseconds(200) });
        using var served = server.Serve(ns.Path, new DictionaryScope());
        using var idle = TcpIn(ns.Path);
        idle.ReceiveTimeout = 10_000;
        idle.Connect(NamespaceDnsClient.Server);
        Assert.Equal(0, idle.Receive(new byte[2]));
    }

    [Fact]
    public void Tcp_clients_beyond_the_limit_are_closed_while_the_others_are_answered()
    {
        using var ns = new ThrowawayNamespace();
        using var server = new EmbeddedDnsServer([], new EmbeddedDnsOptions { MaxTcpConnectionsPerNamespace = 1 });
        using var served = server.Serve(ns.Path, new DictionaryScope().Add("web", "10.0.0.5"));
        using var first = TcpIn(ns.Path);
        first.Connect(NamespaceDnsClient.Server);
        // A round trip on the first connection proves the server has taken it before the second arrives.
        var query = NamespaceDnsClient.Query("web", DnsRecordType.A).Encode();
        first.Send([(byte)(query.Length >> 8), (byte)query.Length, .. query]);
        first.ReceiveTimeout = 10_000;
        Assert.True(first.Receive(new byte[512]) > 2);

        using var second = TcpIn(ns.Path);
        second.ReceiveTimeout = 10_000;
        second.Connect(NamespaceDnsClient.Server);
        Assert.Equal(0, second.Receive(new byte[2]));
    }

    private sealed class ThrowingScope : IDnsScope
    {
        public IReadOnlyList<IPAddress> Lookup(string name) => throw new InvalidOperationException("network state unavailable");

        public string? ReverseLookup(IPAddress address) => throw new InvalidOperationException("network state unavailable");
    }
}
