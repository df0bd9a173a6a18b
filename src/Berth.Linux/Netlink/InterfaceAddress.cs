using System.Net;

namespace Berth.Linux.Netlink;

// An IPv4 address assigned to a link (ip addr): the local address, its prefix and broadcast.
public sealed record InterfaceAddress(int LinkIndex, IPAddress Address, int PrefixLength, IPAddress? Broadcast, byte Scope, string? Label);
