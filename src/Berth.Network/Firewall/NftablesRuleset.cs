using System.Text;
using Berth.Network.Ipam;

namespace Berth.Network.Firewall;

// Renders Berth's whole nftables table for a FirewallState, as one `nft -f` transaction that replaces the table.
// Docker's bridge model with the userland proxy disabled (see moby's nftablesdoc, usernet-portmap-noproxy):
//   - nat prerouting and output: packets to a local address are DNATed through two maps keyed by
//     (protocol, port) and (address, protocol, port), so a thousand published ports are two rules, not a thousand;
//     the output hook includes 127.0.0.0/8, so a published port answers on the host's loopback too.
//   - nat postrouting: loopback-sourced packets leaving by a bridge are masqueraded (route_localnet lets them
//     leave at all), DNATed packets that go back into the bridge they came from are masqueraded (hairpin: the
//     reply must come back through the host to be un-NATed), and a non-internal bridge's subnet is masqueraded
//     when it leaves by another interface. These match on the source subnet, not the input interface: with
//     br_netfilter loaded a hairpin packet is bridged, and postrouting then does not see where it came in.
//   - filter forward, policy accept so the host's own forwarding is untouched: internal bridges are sealed both
//     ways; traffic into a bridge is accepted when established, from the same bridge, or DNATed (a published
//     port, reachable from anywhere including other networks as in Docker's nftables mode); anything else into
//     a bridge (another network, or direct access to an unpublished container port) is dropped.
public static class NftablesRuleset
{
    // nft's identifier syntax allows more, but a plain name keeps scripts and error messages simple.
    public static void ValidateTableName(string tableName)
    {
        if (tableName.Length is 0 or > 64 || !char.IsAsciiLetter(tableName[0])
            || !tableName.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            throw new FirewallException($"invalid nftables table name \"{tableName}\": use letters, digits, '_' and '-', starting with a letter");
    }

    // Creating the table first makes the delete valid whether or not it existed, all in one transaction.
    public static string RenderRemove(string tableName)
    {
        ValidateTableName(tableName);
        return $"table ip {tableName} {{}}\ndelete table ip {tableName}\n";
    }

    public static string Render(string tableName, FirewallState state)
    {
        ValidateTableName(tableName);
        var bridges = ValidatedBridges(state.Bridges);
        var (onAll, onAddress) = ValidatedForwards(state.Forwards, bridges);
        var external = bridges.Where(b => !b.Internal).ToList();

        var s = new StringBuilder();
        s.Append(RenderRemove(tableName));
        s.Append($"table ip {tableName} {{\n");

        Set(s, "bridges", "ifname", null, bridges.Select(b => Quote(b.BridgeName)));
        Set(s, "internal-bridges", "ifname", null, bridges.Where(b => b.Internal).Select(b => Quote(b.BridgeName)));
        Set(s, "within-bridge", "ifname . ifname", null, bridges.Select(b => $"{Quote(b.BridgeName)} . {Quote(b.BridgeName)}"));
        Set(s, "bridge-subnets", "ifname . ipv4_addr", "interval", bridges.Select(b => $"{Quote(b.BridgeName)} . {b.Subnet}"));
        Set(s, "external-subnets", "ipv4_addr", "interval", external.Select(b => b.Subnet.ToString()));
        Map(s, "published-on-all", "inet_proto . inet_service : ipv4_addr . inet_service",
            onAll.Select(f => $"{f.Protocol.Name()} . {f.HostPort} : {f.ContainerIp} . {f.ContainerPort}"));
        Map(s, "published-on-address", "ipv4_addr . inet_proto . inet_service : ipv4_addr . inet_service",
            onAddress.Select(f => $"{f.HostIp} . {f.Protocol.Name()} . {f.HostPort} : {f.ContainerIp} . {f.ContainerPort}"));

        Chain(s, "prerouting", "type nat hook prerouting priority dstnat; policy accept;",
            "fib daddr type local jump published-ports");
        // `dstnat` is not accepted for the output hook by nft 1.0.6; -100 is its value.
        Chain(s, "output", "type nat hook output priority -100; policy accept;",
            "fib daddr type local jump published-ports");
        // A map miss ends the rule without a verdict, so the next rule (and then the host's chains) still run.
        // An address-specific forward wins over an every-address one for the same port.
        Chain(s, "published-ports", null,
            "dnat ip to ip daddr . meta l4proto . th dport map @published-on-address",
            "dnat ip to meta l4proto . th dport map @published-on-all");
        Chain(s, "postrouting", "type nat hook postrouting priority srcnat; policy accept;",
            "oifname @bridges ip saddr 127.0.0.0/8 masquerade",
            "ct status dnat oifname . ip saddr @bridge-subnets masquerade",
            "ip saddr @external-subnets oifname . ip saddr != @bridge-subnets masquerade");
        Chain(s, "forward", "type filter hook forward priority filter; policy accept;",
            "iifname @internal-bridges iifname . oifname != @within-bridge drop",
            "oifname @internal-bridges iifname . oifname != @within-bridge drop",
            "oifname @bridges ct state established,related accept",
            "oifname @bridges iifname . oifname @within-bridge accept",
            "oifname @bridges ct status dnat accept",
            "oifname @bridges drop");
        s.Append("}\n");
        return s.ToString();
    }

    private static List<FirewallBridge> ValidatedBridges(IReadOnlyList<FirewallBridge> bridges)
    {
        var seen = new List<FirewallBridge>();
        foreach (var bridge in bridges)
        {
            ValidateInterfaceName(bridge.BridgeName);
            if (seen.Any(b => b.BridgeName == bridge.BridgeName))
                throw new FirewallException($"bridge {bridge.BridgeName} is listed twice");
            var overlapping = seen.FirstOrDefault(b => b.Subnet.Overlaps(bridge.Subnet));
            if (overlapping is not null)
                throw new FirewallException($"subnet {bridge.Subnet} of bridge {bridge.BridgeName} overlaps {overlapping.Subnet} of bridge {overlapping.BridgeName}");
            seen.Add(bridge);
        }
        return seen.OrderBy(b => b.BridgeName, StringComparer.Ordinal).ToList();
    }

    // Linux interface names: 1 to 15 bytes, no '/', no whitespace; we also keep quotes out of nft strings.
    internal static void ValidateInterfaceName(string name)
    {
        if (name.Length is 0 or > 15 || name is "." or ".." || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
            throw new FirewallException($"invalid bridge name \"{name}\"");
    }

    private static (List<PortForward> OnAll, List<PortForward> OnAddress) ValidatedForwards(
        IReadOnlyList<PortForward> forwards, List<FirewallBridge> bridges)
    {
        var byKey = new Dictionary<(TransportProtocol, uint?, int), PortForward>();
        foreach (var given in forwards)
        {
            // 0.0.0.0 is how Docker writes "every address".
            var forward = given.HostIp is { Value: 0 } ? given with { HostIp = null } : given;
            var bridge = bridges.FirstOrDefault(b => b.BridgeName == forward.BridgeName)
                ?? throw new FirewallException($"port {Describe(forward)} is forwarded to unknown bridge {forward.BridgeName}");
            if (forward.HostPort is < 1 or > 65535 || forward.ContainerPort is < 1 or > 65535)
                throw new FirewallException($"invalid port forward {Describe(forward)} -> {forward.ContainerPort}: ports are 1 to 65535");
            if (!bridge.Subnet.Contains(forward.ContainerIp))
                throw new FirewallException($"port {Describe(forward)} is forwarded to {forward.ContainerIp}, outside bridge {bridge.BridgeName}'s subnet {bridge.Subnet}");
            // Docker publishes nothing for a container on an internal network: its traffic may not leave the bridge.
            if (bridge.Internal) continue;
            var key = (forward.Protocol, forward.HostIp?.Value, forward.HostPort);
            if (byKey.TryGetValue(key, out var existing))
            {
                if (existing == forward) continue;
                throw new FirewallException($"host port {Describe(forward)} is forwarded to both {existing.ContainerIp}:{existing.ContainerPort} and {forward.ContainerIp}:{forward.ContainerPort}");
            }
            byKey[key] = forward;
        }
        var ordered = byKey.Values
            .OrderBy(f => f.HostIp?.Value ?? 0).ThenBy(f => f.Protocol).ThenBy(f => f.HostPort).ToList();
        return (ordered.Where(f => f.HostIp is null).ToList(), ordered.Where(f => f.HostIp is not null).ToList());
    }

    private static string Describe(PortForward f) => $"{f.HostIp?.ToString() ?? "0.0.0.0"}:{f.HostPort}/{f.Protocol.Name()}";

    private static string Quote(string name) => $"\"{name}\"";

    private static void Set(StringBuilder s, string name, string type, string? flags, IEnumerable<string> elements) =>
        Collection(s, "set", name, type, flags, elements);

    private static void Map(StringBuilder s, string name, string type, IEnumerable<string> elements) =>
        Collection(s, "map", name, type, null, elements);

    // One element a line: a thousand published ports stay readable in `nft list table` diffs and error positions.
    private static void Collection(StringBuilder s, string kind, string name, string type, string? flags, IEnumerable<string> elements)
    {
        s.Append($"\t{kind} {name} {{\n\t\ttype {type};\n");
        if (flags is not null) s.Append($"\t\tflags {flags};\n");
        var list = elements.ToList();
        if (list.Count > 0)
        {
            s.Append("\t\telements = {\n");
            for (var i = 0; i < list.Count; i++)
            {
                s.Append("\t\t\t").Append(list[i]).Append(i + 1 < list.Count ? ",\n" : "\n");
            }
            s.Append("\t\t}\n");
        }
        s.Append("\t}\n");
    }

    private static void Chain(StringBuilder s, string name, string? baseChain, params string[] rules)
    {
        s.Append($"\tchain {name} {{\n");
        if (baseChain is not null) s.Append("\t\t").Append(baseChain).Append('\n');
        foreach (var rule in rules) s.Append("\t\t").Append(rule).Append('\n');
        s.Append("\t}\n");
    }
}
