using System.Net;
using System.Net.Sockets;
using Berth.Network.Dns;

namespace Berth.Network.Tests.Dns;

// The server against the kernel: a throwaway namespace per test plays the container.
public sealed class EmbeddedDnsServerTests
{
    private static DictionaryScope Scope() => new DictionaryScope().Add("web", "10.0.0.5").Add("web-alias", "10.0.0.5");

    [Fact]
    public void A_known_name_gets_its_a_record_over_udp_and_tcp()
    {
        using var ns = new ThrowawayNamespace();
        using var server = new EmbeddedDnsServer([]);
        using var served = server.Serve(ns.Path, Scope());

        foreach (var reply in new[]
                 {
                     NamespaceDnsClient.AskUdp(ns.Path, NamespaceDnsClient.Query("web", DnsRecordType.A)),
                     NamespaceDnsClient.AskTcp(ns.Path, NamespaceDnsClient.Query("Web-Alias.", DnsRecordType.A)),
                 })
        {
            Assert.Equal(DnsResponseCode.NoError, reply.ResponseCode);
            var answer = Assert.Single(reply.Answers);
            Assert.Equal((IPAddress.Parse("10.0.0.5"), 600u), (answer.Address, answer.Ttl));
        }
        var aaaa = NamespaceDnsClient.AskUdp(ns.Path, NamespaceDnsClient.Query("web", DnsRecordType.AAAA));
        Assert.Equal(DnsResponseCode.NoError, aaaa.ResponseCode);
        Assert.Empty(aaaa.Answers);
    }

    [Fact]
    public void A_known_address_gets_its_name_as_ptr()
    {
        using var ns = new ThrowawayNamespace();
        using var server = new EmbeddedDnsServer([]);
        using var served = server.Serve(ns.Path, Scope());

        var reply = NamespaceDnsClient.AskUdp(ns.Path, NamespaceDnsClient.Query("5.0.0.10.in-addr.arpa", DnsRecordType.PTR));
        Assert.Equal(("web", DnsRecordType.PTR), (Assert.Single(reply.Answers).Target, reply.Answers[0].Type));
    }

    [Fact]
    public void Unknown_names_are_forwarded_upstream_udp_to_udp_and_tcp_to_tcp()
    {
        using var ns = new ThrowawayNamespace();
        using var upstream = new FakeUpstream();
        using var server = new EmbeddedDnsServer([upstream.Endpoint]);
        using var served = server.Serve(ns.Path, Scope());

        var udp = NamespaceDnsClient.AskUdp(ns.Path, NamespaceDnsClient.Query("example.org", DnsRecordType.A));
        Assert.Equal(FakeUpstream.Address, Assert.Single(udp.Answers).Address);
        var tcp = NamespaceDnsClient.AskTcp(ns.Path, NamespaceDnsClient.Query("example.net", DnsRecordType.A));
        Assert.Equal(FakeUpstream.Address, Assert.Single(tcp.Answers).Address);
        Assert.Equal([("example.org", "udp"), ("example.net", "tcp")], upstream.Asked);
    }

    [Fact]
    public void A_dead_or_failing_upstream_is_skipped_for_the_next_one()
    {
        using var ns = new ThrowawayNamespace();
        using var failing = new FakeUpstream(DnsResponseCode.ServerFailure);
        using var working = new FakeUpstream();
        using var server = new EmbeddedDnsServer([FakeUpstream.DeadEndpoint(), failing.Endpoint, working.Endpoint]);
        using var served = server.Serve(ns.Path, Scope());

        Assert.Equal(FakeUpstream.Address, Assert.Single(NamespaceDnsClient.AskUdp(ns.Path, NamespaceDnsClient.Query("a.example", DnsRecordType.A)).Answers).Address);
        Assert.Equal(FakeUpstream.Address, Assert.Single(NamespaceDnsClient.AskTcp(ns.Path, NamespaceDnsClient.Query("b.example", DnsRecordType.A)).Answers).Address);
        Assert.Equal([("a.example", "udp"), ("b.example", "tcp")], failing.Asked);
        Assert.Equal([("a.example", "udp"), ("b.example", "tcp")], working.Asked);
    }

    [Fact]
    public void A_silent_upstream_times_out_and_the_next_one_answers()
    {
        using var ns = new ThrowawayNamespace();
        using var silent = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        silent.Bind(new IPEndPoint(IPAddress.Loopback, 0)); // bound, never read: queries vanish
        using var working = new FakeUpstream();
        var options = new EmbeddedDnsOptions { UpstreamTimeout = TimeSpan.FromMilliseconds(300) };
        using var server = new EmbeddedDnsServer([(IPEndPoint)silent.LocalEndPoint!, working.Endpoint], options);
        using var served = server.Serve(ns.Path, Scope());

        var reply = NamespaceDnsClient.AskUdp(ns.Path, NamespaceDnsClient.Query("slow.example", DnsRecordType.A));
        Assert.Equal(FakeUpstream.Address, Assert.Single(reply.Answers).Address);
        Assert.True(silent.Available > 0); // the query did reach the silent one first
    }

    [Fact]
    public void Without_an_answering_upstream_unknown_names_get_servfail()
    {
        using var ns = new ThrowawayNamespace();
        using var none = new EmbeddedDnsServer([]);
        using (none.Serve(ns.Path, Scope()))
        {
            Assert.Equal(DnsResponseCode.ServerFailure, NamespaceDnsClient.AskUdp(ns.Path, NamespaceDnsClient.Query("example.org", DnsRecordType.A)).ResponseCode);
            Assert.Equal(DnsResponseCode.ServerFailure, NamespaceDnsClient.AskTcp(ns.Path, NamespaceDnsClient.Query("example.org", DnsRecordType.A)).ResponseCode);
        }
        using var dead = new EmbeddedDnsServer([FakeUpstream.DeadEndpoint()]);
        using (dead.Serve(ns.Path, Scope()))
        {
            var reply = NamespaceDnsClient.AskUdp(ns.Path, NamespaceDnsClient.Query("example.org", DnsRecordType.A));
            Assert.Equal((DnsResponseCode.ServerFailure, "example.org"), (reply.ResponseCode, reply.Questions[0].Name));
            Assert.Equal(DnsResponseCode.ServerFailure, NamespaceDnsClient.AskTcp(ns.Path, NamespaceDnsClient.Query("example.org", DnsRecordType.A)).ResponseCode);
        }
    }

    [Fact]
    public void A_container_with_its_own_upstreams_uses_them()
    {
        using var ns = new ThrowawayNamespace();
        using var own = new FakeUpstream();
        using var server = new EmbeddedDnsServer([FakeUpstream.DeadEndpoint()]);
        using var served = server.Serve(ns.Path, Scope(), [own.Endpoint]);

        Assert.Equal(FakeUpstream.Address, Assert.Single(NamespaceDnsClient.AskUdp(ns.Path, NamespaceDnsClient.Query("example.org", DnsRecordType.A)).Answers).Address);
    }

    [Fact]
    public void An_answer_too_long_for_udp_is_truncated_and_complete_over_tcp()
    {
        using var ns = new ThrowawayNamespace();
        var scope = new DictionaryScope().Add("many", Enumerable.Range(1, 60).Select(i => $"10.0.1.{i}").ToArray());
        using var server = new EmbeddedDnsServer([]);
        using var served = server.Serve(ns.Path, scope);

        var udp = NamespaceDnsClient.AskUdp(ns.Path, NamespaceDnsClient.Query("many", DnsRecordType.A));
        Assert.True(udp.Truncated);
        var tcp = NamespaceDnsClient.AskTcp(ns.Path, NamespaceDnsClient.Query("many", DnsRecordType.A));
        Assert.False(tcp.Truncated);
        Assert.Equal(60, tcp.Answers.Count);
    }

    [Fact]
    public void Each_namespace_sees_its_own_scope_and_disposing_one_leaves_the_other_serving()
    {
        using var first = new ThrowawayNamespace();
        using var second = new ThrowawayNamespace();
        using var server = new EmbeddedDnsServer([]);
        var servedFirst = server.Serve(first.Path, new DictionaryScope().Add("web", "10.0.0.5"));
        using var servedSecond = server.Serve(second.Path, new DictionaryScope().Add("web", "10.9.0.5"));

        Assert.Equal("10.0.0.5", NamespaceDnsClient.AskUdp(first.Path, NamespaceDnsClient.Query("web", DnsRecordType.A)).Answers[0].Address!.ToString());
        Assert.Equal("10.9.0.5", NamespaceDnsClient.AskUdp(second.Path, NamespaceDnsClient.Query("web", DnsRecordType.A)).Answers[0].Address!.ToString());

        servedFirst.Dispose();
        Assert.Equal((SocketError.ConnectionRefused, SocketError.ConnectionRefused), NamespaceDnsClient.ProbeClosed(first.Path));
        Assert.Equal("10.9.0.5", NamespaceDnsClient.AskTcp(second.Path, NamespaceDnsClient.Query("web", DnsRecordType.A)).Answers[0].Address!.ToString());
    }

    [Fact]
    public void After_dispose_nothing_listens_even_with_a_tcp_client_connected()
    {
        using var ns = new ThrowawayNamespace();
        var server = new EmbeddedDnsServer([]);
        server.Serve(ns.Path, Scope());
        using var idle = NamespaceSockets.Create(ns.Path, () => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
        idle.Connect(NamespaceDnsClient.Server);
        Assert.Equal(DnsResponseCode.NoError, NamespaceDnsClient.AskUdp(ns.Path, NamespaceDnsClient.Query("web", DnsRecordType.A)).ResponseCode);

        server.Dispose();
        Assert.Equal((SocketError.ConnectionRefused, SocketError.ConnectionRefused), NamespaceDnsClient.ProbeClosed(ns.Path));
        idle.ReceiveTimeout = 10_000;
        Assert.Equal(0, idle.Receive(new byte[2])); // the server closed the open connection too
        Assert.Throws<ObjectDisposedException>(() => server.Serve(ns.Path, Scope()));
    }

    [Fact]
    public void Serving_a_missing_namespace_fails_clearly()
    {
        using var server = new EmbeddedDnsServer([]);
        var error = Assert.ThrowsAny<Exception>(() => server.Serve("/run/netns/berth-dnst-missing", Scope()));
        Assert.Contains("/run/netns/berth-dnst-missing", error.Message);
    }

    [Fact]
    public void Busybox_nslookup_in_the_namespace_resolves_known_and_forwarded_names()
    {
        using var ns = new ThrowawayNamespace();
        using var upstream = new FakeUpstream();
        using var server = new EmbeddedDnsServer([upstream.Endpoint]);
        using var served = server.Serve(ns.Path, Scope());

        var known = ns.Exec("/bin/busybox", "nslookup", "web", "127.0.0.11");
        Assert.True(known.Exit == 0, known.Output);
        Assert.Contains("Address: 10.0.0.5", known.Output);

        var forwarded = ns.Exec("/bin/busybox", "nslookup", "example.org", "127.0.0.11");
        Assert.True(forwarded.Exit == 0, forwarded.Output);
        Assert.Contains("Address: 192.0.2.44", forwarded.Output);

        var reverse = ns.Exec("/bin/busybox", "nslookup", "10.0.0.5", "127.0.0.11");
        Assert.True(reverse.Exit == 0, reverse.Output);
        Assert.Contains("name = web", reverse.Output);
    }
}
