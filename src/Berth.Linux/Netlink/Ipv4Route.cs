using System.Net;

namespace Berth.Linux.Netlink;

// An IPv4 route. Destination 0.0.0.0/0 is the default route; OutputLinkIndex is 0 when the route names no device.
public sealed record Ipv4Route(
    IPAddress Destination, int PrefixLength, IPAddress? Gateway, int OutputLinkIndex, int Table,
    RouteProtocol Protocol, RouteScope Scope, RouteType Type, IPAddress? PreferredSource, uint Priority)
{
    public bool IsDefault => PrefixLength == 0;
}

// rtm_protocol: who installed the route.
public enum RouteProtocol : byte { Unspecified = 0, Redirect = 1, Kernel = 2, Boot = 3, Static = 4, Dhcp = 16 }

// rtm_scope: how far the destination is.
public enum RouteScope : byte { Universe = 0, Site = 200, Link = 253, Host = 254, Nowhere = 255 }

// rtm_type.
public enum RouteType : byte { Unspecified = 0, Unicast = 1, Local = 2, Broadcast = 3, Anycast = 4, Multicast = 5, Blackhole = 6, Unreachable = 7, Prohibit = 8 }

public static class RouteTables
{
    public const int Main = 254, Local = 255;
}
