using Berth.Network.Ipam;

namespace Berth.Network.Firewall;

// Everything Berth's nftables table is built from: the bridges of its networks and the published ports.
// Apply always renders the whole state, so the table never drifts from what the daemon believes.
public sealed record FirewallState(IReadOnlyList<FirewallBridge> Bridges, IReadOnlyList<PortForward> Forwards)
{
    public static FirewallState Empty { get; } = new([], []);
}

// A network's Linux bridge. An Internal bridge's traffic never leaves it (docker network create --internal).
public sealed record FirewallBridge(string BridgeName, Ipv4Subnet Subnet, bool Internal);

// One published port: HostIp null means every local address (Docker's 0.0.0.0).
// `-p 9000-9999:9000-9999` arrives as 1000 of these; the ruleset keeps them in maps, not rules.
public sealed record PortForward(
    TransportProtocol Protocol, Ipv4Address? HostIp, int HostPort, Ipv4Address ContainerIp, int ContainerPort, string BridgeName);

public enum TransportProtocol
{
    Tcp,
    Udp,
}

public static class TransportProtocols
{
    // The lower-case name Docker and nft use ("tcp", "udp").
    public static string Name(this TransportProtocol protocol) => protocol switch
    {
        TransportProtocol.Tcp => "tcp",
        TransportProtocol.Udp => "udp",
        _ => throw new ArgumentOutOfRangeException(nameof(protocol)),
    };

    public static TransportProtocol Parse(string text) => text.ToLowerInvariant() switch
    {
        "tcp" => TransportProtocol.Tcp,
        "udp" => TransportProtocol.Udp,
        _ => throw new FirewallException($"invalid protocol \"{text}\": expected tcp or udp"),
    };
}
