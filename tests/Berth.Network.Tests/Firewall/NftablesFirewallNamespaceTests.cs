using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Berth.Network.Firewall;
using Berth.Network.Ipam;
using Xunit.Abstractions;
using static Berth.Network.Tests.Firewall.FirewallTopology;

namespace Berth.Network.Tests.Firewall;

// The ruleset at work, in namespaces made for the test (see FirewallTopology). Each test applies the state it
// needs first. A dropped packet gives no answer, so "blocked" means a connect that has not completed within
// DropWait, checked against a control where the same connect succeeds.
public sealed class NftablesFirewallNamespaceTests(FirewallTopology net, ITestOutputHelper output) : IClassFixture<FirewallTopology>
{
    private static readonly TimeSpan Answer = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan DropWait = TimeSpan.FromSeconds(1);

    private static PortForward Forward(TransportProtocol protocol, int hostPort, int containerPort, string? hostIp = null, string container = "10.201.1.2", string bridge = "br1") =>
        new(protocol, Ipv4Address.ParseOptional(hostIp), hostPort, Ipv4Address.Parse(container), containerPort, bridge);

    private static FirewallState State(params PortForward[] forwards) => new([Br1, Br2, Br3], forwards);

    private enum Outcome { Connected, Refused, NoAnswer }

    // Connects from `from` and returns the peer address the listener saw (so masquerading shows).
    private static async Task<string> Exchange(string from, string address, int port, Socket listener)
    {
        using var cts = new CancellationTokenSource(Answer);
        using var client = Client(from, ProtocolType.Tcp);
        var accept = listener.AcceptAsync(cts.Token).AsTask();
        await client.ConnectAsync(IPAddress.Parse(address), port, cts.Token);
        using var server = await accept;
        var seen = ((IPEndPoint)server.RemoteEndPoint!).Address.ToString();
        await server.SendAsync(Encoding.ASCII.GetBytes("hello " + seen), cts.Token);
        server.Shutdown(SocketShutdown.Send);
        var buffer = new byte[64];
        var text = new StringBuilder();
        int n;
        while ((n = await client.ReceiveAsync(buffer, cts.Token)) > 0) text.Append(Encoding.ASCII.GetString(buffer, 0, n));
        Assert.Equal("hello " + seen, text.ToString());
        return seen;
    }

    private static async Task<Outcome> TryConnect(string from, string address, int port, TimeSpan wait)
    {
        using var cts = new CancellationTokenSource(wait);
        using var client = Client(from, ProtocolType.Tcp);
        try
        {
            await client.ConnectAsync(IPAddress.Parse(address), port, cts.Token);
            return Outcome.Connected;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return Outcome.Refused;
        }
        catch (OperationCanceledException)
        {
            return Outcome.NoAnswer;
        }
    }

    [Fact]
    public async Task A_published_tcp_port_answers_on_the_gateway_address_and_on_loopback()
    {
        await net.Firewall.ApplyAsync(State(Forward(TransportProtocol.Tcp, 8080, 80), Forward(TransportProtocol.Tcp, 8081, 80, hostIp: "127.0.0.1")));
        using var listener = Listen(net.C1, ProtocolType.Tcp, 80);

        Assert.Equal("10.201.1.1", await Exchange(net.Host, "10.201.1.1", 8080, listener));
        // Any local address; the container sees the host's address the connection came from.
        Assert.Equal("10.201.9.1", await Exchange(net.Host, "10.201.9.1", 8080, listener));
        // From 127.0.0.1, masqueraded on the way into the bridge (route_localnet lets it leave at all).
        Assert.Equal("10.201.1.1", await Exchange(net.Host, "127.0.0.1", 8080, listener));

        // A forward on one address: it answers there and nowhere else (nothing listens on the host itself).
        Assert.Equal("10.201.1.1", await Exchange(net.Host, "127.0.0.1", 8081, listener));
        Assert.Equal(Outcome.Refused, await TryConnect(net.Host, "10.201.1.1", 8081, Answer));

        // From outside the host, through the uplink.
        Assert.Equal("10.201.9.2", await Exchange(net.Outside, "10.201.9.1", 8080, listener));
    }

    [Fact]
    public async Task A_published_udp_port_forwards_datagrams_and_replies()
    {
        await net.Firewall.ApplyAsync(State(Forward(TransportProtocol.Udp, 5353, 53)));
        using var server = Listen(net.C1, ProtocolType.Udp, 53);
        using var client = Client(net.Host, ProtocolType.Udp);
        using var cts = new CancellationTokenSource(Answer);

        await client.SendToAsync("ping"u8.ToArray(), new IPEndPoint(IPAddress.Parse("10.201.1.1"), 5353), cts.Token);
        var buffer = new byte[64];
        var received = await server.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0), cts.Token);
        Assert.Equal("ping", Encoding.ASCII.GetString(buffer, 0, received.ReceivedBytes));
        await server.SendToAsync("pong"u8.ToArray(), received.RemoteEndPoint, cts.Token);

        var reply = await client.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0), cts.Token);
        Assert.Equal("pong", Encoding.ASCII.GetString(buffer, 0, reply.ReceivedBytes));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("10.201.1.1"), 5353), reply.RemoteEndPoint); // un-NATed on the way back
    }

    [Fact]
    public async Task A_container_reaches_its_own_published_port_through_the_host_address()
    {
        // Hairpin mode on the bridge port is the bridge driver's part: with br_netfilter the DNATed packet is
        // bridged back out of the port it came in by.
        Ip("-n", net.Host, "link", "set", "v1", "type", "bridge_slave", "hairpin", "on");
        await net.Firewall.ApplyAsync(State(Forward(TransportProtocol.Tcp, 8080, 80)));
        using var listener = Listen(net.C1, ProtocolType.Tcp, 80);

        // Masqueraded, or the container would answer itself directly and the reply would never be un-NATed.
        Assert.Equal("10.201.1.1", await Exchange(net.C1, "10.201.1.1", 8080, listener));
    }

    [Fact]
    public async Task Containers_reach_other_networks_only_through_published_ports()
    {
        using var listener = Listen(net.C2, ProtocolType.Tcp, 80);
        await net.Firewall.RemoveAsync();
        Assert.Equal("10.201.1.2", await Exchange(net.C1, "10.201.2.2", 80, listener)); // control: routed when unfiltered

        await net.Firewall.ApplyAsync(State(Forward(TransportProtocol.Tcp, 8080, 80, container: "10.201.2.2", bridge: "br2")));
        Assert.Equal(Outcome.NoAnswer, await TryConnect(net.C1, "10.201.2.2", 80, DropWait));
        Assert.Equal(Outcome.NoAnswer, await TryConnect(net.C2, "10.201.1.2", 80, DropWait));
        // Direct access to a container's unpublished port from outside the host is dropped as well.
        Assert.Equal(Outcome.NoAnswer, await TryConnect(net.Outside, "10.201.2.2", 80, DropWait));
        // A published port is for everyone, other networks included (as in Docker's nftables mode); leaving its
        // own bridge for another, c1's traffic is masqueraded like any other outgoing traffic.
        Assert.Equal("10.201.2.1", await Exchange(net.C1, "10.201.1.1", 8080, listener));
    }

    [Fact]
    public async Task Traffic_leaving_for_the_outside_is_masqueraded()
    {
        await net.Firewall.ApplyAsync(State());
        using var listener = Listen(net.Outside, ProtocolType.Tcp, 80);
        Assert.Equal("10.201.9.1", await Exchange(net.C1, "10.201.9.2", 80, listener));
    }

    [Fact]
    public async Task An_internal_network_neither_leaves_its_bridge_nor_is_reached_from_outside_it()
    {
        using var inC1 = Listen(net.C1, ProtocolType.Tcp, 80);
        using var inC3 = Listen(net.C3, ProtocolType.Tcp, 80);
        await net.Firewall.RemoveAsync();
        Assert.Equal("10.201.3.2", await Exchange(net.C3, "10.201.1.2", 80, inC1)); // controls
        Assert.Equal("10.201.1.2", await Exchange(net.C1, "10.201.3.2", 80, inC3));

        // A forward to the internal network is not published at all.
        await net.Firewall.ApplyAsync(State(Forward(TransportProtocol.Tcp, 8080, 80, container: "10.201.3.2", bridge: "br3")));
        Assert.Equal(Outcome.NoAnswer, await TryConnect(net.C3, "10.201.1.2", 80, DropWait));
        Assert.Equal(Outcome.NoAnswer, await TryConnect(net.C3, "10.201.9.2", 80, DropWait));
        Assert.Equal(Outcome.NoAnswer, await TryConnect(net.C1, "10.201.3.2", 80, DropWait));
        Assert.Equal(Outcome.Refused, await TryConnect(net.Host, "127.0.0.1", 8080, Answer));
    }

    [Fact]
    public void Sysctls_for_a_bridge_that_does_not_exist_are_one_clear_error()
    {
        var ex = Assert.Throws<FirewallException>(() => InNamespace(net.Host, fd =>
        {
            FirewallSysctls.Enable("br-missing", fd);
            return 0;
        }));
        Assert.StartsWith("cannot set net.ipv4.conf.br-missing.route_localnet to 1: ", ex.Message);
        Assert.Equal("1", InNamespace(net.Host, fd => Berth.Linux.Netlink.NetworkSysctl.Read(fd, "net.ipv4.ip_forward")));
        Assert.Equal("1", InNamespace(net.Host, fd => Berth.Linux.Netlink.NetworkSysctl.Read(fd, "net/ipv4/conf/br1/route_localnet")));
    }

    [Fact]
    public async Task Remove_leaves_no_table_and_tolerates_a_missing_one()
    {
        await net.Firewall.ApplyAsync(State(Forward(TransportProtocol.Tcp, 8080, 80)));
        Assert.True(await net.Firewall.ExistsAsync());
        Assert.False(await new NftablesFirewall(net.Firewall.TableName).ExistsAsync()); // only the test's "host" has it

        await net.Firewall.RemoveAsync();
        Assert.False(await net.Firewall.ExistsAsync());
        await net.Firewall.RemoveAsync();
        Assert.False(await net.Firewall.ExistsAsync());
    }

    [Fact]
    public async Task A_thousand_published_ports_are_two_dnat_rules_and_all_answer()
    {
        var thousand = Enumerable.Range(9000, 1000).Select(p => Forward(TransportProtocol.Tcp, p, 80)).ToArray();
        var ten = thousand.Take(10).ToArray();
        output.WriteLine($"apply, 10 forwards: median {await MedianApply(State(ten)):F1} ms");
        output.WriteLine($"apply, 1000 forwards: median {await MedianApply(State(thousand)):F1} ms");

        var listed = await net.Firewall.ListAsync();
        Assert.Equal(2, listed.Split('\n').Count(l => l.TrimStart().StartsWith("dnat ", StringComparison.Ordinal)));
        using var listener = Listen(net.C1, ProtocolType.Tcp, 80);
        foreach (var port in new[] { 9000, 9500, 9999 })
        {
            Assert.Equal("10.201.1.1", await Exchange(net.Host, "127.0.0.1", port, listener));
        }
        Assert.Equal(Outcome.Refused, await TryConnect(net.Host, "127.0.0.1", 10000, Answer));
    }

    private async Task<double> MedianApply(FirewallState state)
    {
        var times = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var clock = Stopwatch.StartNew();
            await net.Firewall.ApplyAsync(state);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times[times.Count / 2];
    }
}
