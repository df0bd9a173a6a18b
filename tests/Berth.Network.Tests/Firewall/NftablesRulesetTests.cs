using Berth.Network.Firewall;
using Berth.Network.Ipam;

namespace Berth.Network.Tests.Firewall;

public sealed class NftablesRulesetTests
{
    private static readonly FirewallBridge Web = new("br-web", Ipv4Subnet.Parse("172.30.1.0/24"), Internal: false);
    private static readonly FirewallBridge Db = new("br-db", Ipv4Subnet.Parse("172.30.2.0/24"), Internal: false);
    private static readonly FirewallBridge Sealed = new("br-sealed", Ipv4Subnet.Parse("172.30.3.0/24"), Internal: true);

    private static PortForward Tcp(int hostPort, string containerIp, int containerPort, string bridge = "br-web", string? hostIp = null) =>
        new(TransportProtocol.Tcp, Ipv4Address.ParseOptional(hostIp), hostPort, Ipv4Address.Parse(containerIp), containerPort, bridge);

    private static FirewallState Representative() => new(
        [Web, Db, Sealed],
        [
            Tcp(8080, "172.30.1.2", 80),
            Tcp(8443, "172.30.1.2", 443, hostIp: "127.0.0.1"),
            new PortForward(TransportProtocol.Udp, null, 5353, Ipv4Address.Parse("172.30.2.5"), 53, "br-db"),
            Tcp(5432, "172.30.2.5", 5432, "br-db", hostIp: "0.0.0.0"),
        ]);

    private static string Lines(string script, string header)
    {
        var start = script.IndexOf($"\t{header} {{\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no {header} in:\n{script}");
        var end = script.IndexOf("\n\t}\n", start, StringComparison.Ordinal);
        return script[start..end];
    }

    [Fact]
    public void The_table_is_replaced_in_one_transaction()
    {
        var script = NftablesRuleset.Render("berth", Representative());
        Assert.StartsWith("table ip berth {}\ndelete table ip berth\ntable ip berth {\n", script);
        Assert.EndsWith("\n}\n", script);
        Assert.Equal(3, script.Split('\n').Count(l => l.StartsWith("table ", StringComparison.Ordinal) || l.StartsWith("delete ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Forwards_land_in_the_maps_for_every_address_and_for_one_address()
    {
        var script = NftablesRuleset.Render("berth", Representative());
        var onAll = Lines(script, "map published-on-all");
        Assert.Contains("type inet_proto . inet_service : ipv4_addr . inet_service;", onAll);
        Assert.Contains("\t\t\ttcp . 8080 : 172.30.1.2 . 80,\n", onAll);
        Assert.Contains("\t\t\ttcp . 5432 : 172.30.2.5 . 5432,\n", onAll); // 0.0.0.0 means every address
        Assert.Contains("\t\t\tudp . 5353 : 172.30.2.5 . 53\n", onAll);
        var onAddress = Lines(script, "map published-on-address");
        Assert.Contains("\t\t\t127.0.0.1 . tcp . 8443 : 172.30.1.2 . 443\n", onAddress);
        Assert.DoesNotContain("8443", onAll);
    }

    [Fact]
    public void Bridges_fill_the_sets_and_only_external_subnets_are_masqueraded()
    {
        var script = NftablesRuleset.Render("berth", Representative());
        Assert.Contains("\"br-db\",\n\t\t\t\"br-sealed\",\n\t\t\t\"br-web\"\n", Lines(script, "set bridges"));
        var internalSet = Lines(script, "set internal-bridges");
        Assert.Contains("\"br-sealed\"", internalSet);
        Assert.DoesNotContain("br-web", internalSet);
        Assert.Contains("\"br-sealed\" . 172.30.3.0/24", Lines(script, "set bridge-subnets"));
        var external = Lines(script, "set external-subnets");
        Assert.Contains("flags interval;", external);
        Assert.Contains("172.30.1.0/24", external);
        Assert.DoesNotContain("172.30.3.0/24", external);
    }

    [Fact]
    public void Chains_hook_nat_and_forward_with_accept_policies()
    {
        var script = NftablesRuleset.Render("berth", Representative());
        Assert.Contains("type nat hook prerouting priority dstnat; policy accept;\n\t\tfib daddr type local jump published-ports", Lines(script, "chain prerouting"));
        Assert.Contains("type nat hook output priority -100; policy accept;\n\t\tfib daddr type local jump published-ports", Lines(script, "chain output"));
        var postrouting = Lines(script, "chain postrouting");
        Assert.Contains("oifname @bridges ip saddr 127.0.0.0/8 masquerade", postrouting);
        Assert.Contains("ip saddr @external-subnets oifname . ip saddr != @bridge-subnets masquerade", postrouting);
        var forward = Lines(script, "chain forward");
        Assert.Contains("type filter hook forward priority filter; policy accept;", forward);
        Assert.EndsWith("oifname @bridges drop", forward);
    }

    [Fact]
    public void A_forward_to_an_internal_network_is_not_published()
    {
        var state = new FirewallState([Web, Sealed], [Tcp(8080, "172.30.3.2", 80, "br-sealed")]);
        var script = NftablesRuleset.Render("berth", state);
        Assert.DoesNotContain("8080", script);
    }

    [Fact]
    public void A_thousand_published_ports_are_map_elements_not_rules()
    {
        var forwards = Enumerable.Range(9000, 1000).Select(p => Tcp(p, "172.30.1.2", p)).ToList();
        var script = NftablesRuleset.Render("berth", new FirewallState([Web], forwards));
        var onAll = Lines(script, "map published-on-all");
        Assert.Equal(1000, onAll.Split('\n').Count(l => l.StartsWith("\t\t\ttcp . ", StringComparison.Ordinal)));
        Assert.Contains("tcp . 9999 : 172.30.1.2 . 9999\n", onAll);
        Assert.Equal(2, Lines(script, "chain published-ports").Split('\n').Count(l => l.Contains("dnat", StringComparison.Ordinal)));
        Assert.InRange(script.Split('\n').Length, 1000, 1100); // one line per element plus a fixed number of rules
    }

    [Fact]
    public void An_empty_state_renders_empty_sets_and_maps()
    {
        var script = NftablesRuleset.Render("berth", FirewallState.Empty);
        Assert.DoesNotContain("elements", script);
        Assert.Contains("\tmap published-on-all {\n\t\ttype inet_proto . inet_service : ipv4_addr . inet_service;\n\t}\n", script);
    }

    [Fact]
    public void The_same_forward_twice_is_rendered_once()
    {
        var script = NftablesRuleset.Render("berth", new FirewallState([Web], [Tcp(8080, "172.30.1.2", 80), Tcp(8080, "172.30.1.2", 80)]));
        Assert.Single(script.Split('\n'), l => l.Contains("tcp . 8080", StringComparison.Ordinal));
    }

    public static TheoryData<FirewallState, string> BadStates() => new()
    {
        { new FirewallState([Web], [Tcp(8080, "172.30.2.2", 80, "br-nope")]), "port 0.0.0.0:8080/tcp is forwarded to unknown bridge br-nope" },
        { new FirewallState([Web], [Tcp(8080, "172.30.2.2", 80)]), "port 0.0.0.0:8080/tcp is forwarded to 172.30.2.2, outside bridge br-web's subnet 172.30.1.0/24" },
        { new FirewallState([Web], [Tcp(0, "172.30.1.2", 80)]), "invalid port forward 0.0.0.0:0/tcp -> 80: ports are 1 to 65535" },
        { new FirewallState([Web], [Tcp(80, "172.30.1.2", 70000)]), "invalid port forward 0.0.0.0:80/tcp -> 70000: ports are 1 to 65535" },
        { new FirewallState([Web], [Tcp(8080, "172.30.1.2", 80), Tcp(8080, "172.30.1.3", 80)]), "host port 0.0.0.0:8080/tcp is forwarded to both 172.30.1.2:80 and 172.30.1.3:80" },
        { new FirewallState([Web, Web with { Subnet = Ipv4Subnet.Parse("10.0.0.0/8") }], []), "bridge br-web is listed twice" },
        { new FirewallState([Web, Db with { Subnet = Ipv4Subnet.Parse("172.30.0.0/16") }], []), "subnet 172.30.0.0/16 of bridge br-db overlaps 172.30.1.0/24 of bridge br-web" },
        { new FirewallState([Web with { BridgeName = "br\"x" }], []), "invalid bridge name \"br\"x\"" },
        { new FirewallState([Web with { BridgeName = "a-name-longer-than-15" }], []), "invalid bridge name \"a-name-longer-than-15\"" },
    };

    [Theory]
    [MemberData(nameof(BadStates))]
    public void Inconsistent_state_is_one_clear_error(FirewallState state, string message)
    {
        var ex = Assert.Throws<FirewallException>(() => NftablesRuleset.Render("berth", state));
        Assert.Equal(message, ex.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1berth")]
    [InlineData("berth table")]
    [InlineData("berth;flush ruleset")]
    public void Bad_table_names_are_refused(string name)
    {
        Assert.Throws<FirewallException>(() => NftablesRuleset.Render(name, FirewallState.Empty));
        Assert.Throws<FirewallException>(() => new NftablesFirewall(name));
    }
}
