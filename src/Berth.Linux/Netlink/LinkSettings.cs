using System.Net.NetworkInformation;

namespace Berth.Linux.Netlink;

// Changes to make to an existing link in one request; null leaves a setting alone.
// MasterIndex 0 releases the link from its bridge. A rename needs the link down.
public sealed record LinkSettings
{
    public string? Name { get; init; }
    public int? Mtu { get; init; }
    public PhysicalAddress? Address { get; init; }
    public int? MasterIndex { get; init; }
    public bool? Up { get; init; }
}

// A veth pair: Name stays in the socket's namespace, PeerName is created directly in the namespace of
// PeerNamespaceFd (an open /proc/PID/ns/net or /run/netns/X), so it never appears on the host.
// MasterIndex and Up apply to the near end at creation; PeerUp and PeerAddress to the far end.
public sealed record VethPair(string Name, string PeerName)
{
    public int? PeerNamespaceFd { get; init; }
    public int? Mtu { get; init; }
    public PhysicalAddress? Address { get; init; }
    public PhysicalAddress? PeerAddress { get; init; }
    public int? MasterIndex { get; init; }
    public bool Up { get; init; } = true;
    public bool PeerUp { get; init; }
}
