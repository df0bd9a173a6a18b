using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Berth.Linux.Netlink;

// Encodes the rtnetlink requests Berth makes. Every change asks for an ACK; creations are exclusive
// so an existing link, address or route is reported rather than silently reused.
internal static class RtnetlinkRequests
{
    private const ushort NewFlags = Nl.Request | Nl.Ack | Nl.Create | Nl.Excl;
    private const ushort ChangeFlags = Nl.Request | Nl.Ack;

    public static NetlinkRequest CreateBridge(string name, int? mtu, PhysicalAddress? address, bool up)
    {
        CheckName(name);
        var m = new NetlinkMessageBuilder(Rtm.NewLink, NewFlags)
            .IfInfo(Af.Unspec, 0, up ? LinkFlags.Up : 0, up ? LinkFlags.Up : 0)
            .AttrString(Ifla.IfName, name);
        if (mtu is { } value) m.AttrU32(Ifla.Mtu, CheckMtu(value));
        if (address is not null) m.Attr(Ifla.Address, address.GetAddressBytes());
        var info = m.BeginNested(Ifla.LinkInfo);
        m.AttrString(Ifla.InfoKind, "bridge");
        m.EndNested(info);
        return new NetlinkRequest($"create bridge {name}", m.ToArray());
    }

    public static NetlinkRequest CreateVeth(VethPair pair)
    {
        CheckName(pair.Name);
        CheckName(pair.PeerName);
        var m = new NetlinkMessageBuilder(Rtm.NewLink, NewFlags)
            .IfInfo(Af.Unspec, 0, pair.Up ? LinkFlags.Up : 0, pair.Up ? LinkFlags.Up : 0)
            .AttrString(Ifla.IfName, pair.Name);
        if (pair.Mtu is { } mtu) m.AttrU32(Ifla.Mtu, CheckMtu(mtu));
        if (pair.Address is not null) m.Attr(Ifla.Address, pair.Address.GetAddressBytes());
        if (pair.MasterIndex is { } master) m.AttrU32(Ifla.Master, (uint)master);
        var info = m.BeginNested(Ifla.LinkInfo);
        m.AttrString(Ifla.InfoKind, "veth");
        var data = m.BeginNested(Ifla.InfoData);
        // The peer is described by its own ifinfomsg followed by its attributes.
        var peer = m.BeginNested(Ifla.VethInfoPeer);
        m.IfInfo(Af.Unspec, 0, pair.PeerUp ? LinkFlags.Up : 0, pair.PeerUp ? LinkFlags.Up : 0);
        m.AttrString(Ifla.IfName, pair.PeerName);
        if (pair.Mtu is { } peerMtu) m.AttrU32(Ifla.Mtu, (uint)peerMtu);
        if (pair.PeerAddress is not null) m.Attr(Ifla.Address, pair.PeerAddress.GetAddressBytes());
        if (pair.PeerNamespaceFd is { } fd) m.AttrU32(Ifla.NetNsFd, (uint)fd);
        m.EndNested(peer);
        m.EndNested(data);
        m.EndNested(info);
        return new NetlinkRequest($"create veth pair {pair.Name}/{pair.PeerName}", m.ToArray());
    }

    public static NetlinkRequest Configure(int index, LinkSettings settings, string? displayName = null)
    {
        var up = settings.Up switch { true => LinkFlags.Up, _ => LinkFlags.None };
        var change = settings.Up is null ? LinkFlags.None : LinkFlags.Up;
        var m = new NetlinkMessageBuilder(Rtm.NewLink, ChangeFlags).IfInfo(Af.Unspec, index, up, change);
        if (settings.Name is { } name)
        {
            CheckName(name);
            m.AttrString(Ifla.IfName, name);
        }
        if (settings.Mtu is { } mtu) m.AttrU32(Ifla.Mtu, CheckMtu(mtu));
        if (settings.Address is not null) m.Attr(Ifla.Address, settings.Address.GetAddressBytes());
        if (settings.MasterIndex is { } master) m.AttrU32(Ifla.Master, (uint)master);
        return new NetlinkRequest($"configure link {displayName ?? "#" + index}", m.ToArray());
    }

    public static NetlinkRequest SetHairpin(int index, bool on)
    {
        var m = new NetlinkMessageBuilder(Rtm.NewLink, ChangeFlags).IfInfo(Af.Unspec, index);
        var info = m.BeginNested(Ifla.LinkInfo);
        var data = m.BeginNested(Ifla.InfoSlaveData);
        m.AttrU8(Ifla.BrportMode, on ? (byte)1 : (byte)0);
        m.EndNested(data);
        m.EndNested(info);
        return new NetlinkRequest($"set hairpin on bridge port #{index}", m.ToArray());
    }

    public static NetlinkRequest DeleteLink(int index) =>
        new($"delete link #{index}", new NetlinkMessageBuilder(Rtm.DelLink, ChangeFlags).IfInfo(Af.Unspec, index).ToArray());

    public static NetlinkRequest DeleteLink(string name)
    {
        CheckName(name);
        var m = new NetlinkMessageBuilder(Rtm.DelLink, ChangeFlags).IfInfo(Af.Unspec, 0).AttrString(Ifla.IfName, name);
        return new NetlinkRequest($"delete link {name}", m.ToArray());
    }

    public static NetlinkRequest GetLink(string name)
    {
        CheckName(name);
        var m = new NetlinkMessageBuilder(Rtm.GetLink, ChangeFlags).IfInfo(Af.Unspec, 0).AttrString(Ifla.IfName, name);
        return new NetlinkRequest($"get link {name}", m.ToArray());
    }

    public static NetlinkRequest GetLink(int index) =>
        new($"get link #{index}", new NetlinkMessageBuilder(Rtm.GetLink, ChangeFlags).IfInfo(Af.Unspec, index).ToArray());

    public static NetlinkRequest ListLinks() =>
        new("list links", new NetlinkMessageBuilder(Rtm.GetLink, Nl.Request | Nl.Dump).IfInfo(Af.Unspec, 0).ToArray(), IsDump: true);

    public static NetlinkRequest AddAddress(int index, IPAddress address, int prefixLength, IPAddress? broadcast) =>
        Address(Rtm.NewAddr, NewFlags, "add", index, address, prefixLength, broadcast);

    public static NetlinkRequest DeleteAddress(int index, IPAddress address, int prefixLength) =>
        Address(Rtm.DelAddr, ChangeFlags, "delete", index, address, prefixLength, null);

    private static NetlinkRequest Address(ushort type, ushort flags, string verb, int index, IPAddress address, int prefixLength, IPAddress? broadcast)
    {
        var bytes = V4(address);
        CheckPrefix(prefixLength);
        var m = new NetlinkMessageBuilder(type, flags)
            .IfAddr(Af.Inet, (byte)prefixLength, (byte)RouteScope.Universe, index)
            .Attr(Ifa.Local, bytes)
            .Attr(Ifa.Address, bytes);
        if (broadcast is not null) m.Attr(Ifa.Broadcast, V4(broadcast));
        return new NetlinkRequest($"{verb} address {address}/{prefixLength} on link #{index}", m.ToArray());
    }

    public static NetlinkRequest ListAddresses() =>
        new("list addresses", new NetlinkMessageBuilder(Rtm.GetAddr, Nl.Request | Nl.Dump).IfAddr(Af.Inet, 0, 0, 0).ToArray(), IsDump: true);

    // A gateway route has universe scope; a route without one reaches a directly connected subnet (link scope).
    public static NetlinkRequest AddRoute(IPAddress destination, int prefixLength, IPAddress? gateway, int? outputIndex, int table) =>
        Route(Rtm.NewRoute, NewFlags, "add", destination, prefixLength, gateway, outputIndex, table);

    public static NetlinkRequest DeleteRoute(IPAddress destination, int prefixLength, IPAddress? gateway, int? outputIndex, int table) =>
        Route(Rtm.DelRoute, ChangeFlags, "delete", destination, prefixLength, gateway, outputIndex, table);

    private static NetlinkRequest Route(ushort type, ushort flags, string verb, IPAddress destination, int prefixLength,
        IPAddress? gateway, int? outputIndex, int table)
    {
        CheckPrefix(prefixLength);
        if (gateway is null && outputIndex is null)
            throw new ArgumentException("a route needs a gateway or an output link");
        var scope = gateway is null ? RouteScope.Link : RouteScope.Universe;
        var m = new NetlinkMessageBuilder(type, flags).RtMsg(Af.Inet, (byte)prefixLength,
            table < 256 ? (byte)table : (byte)0, (byte)RouteProtocol.Boot, (byte)scope, (byte)RouteType.Unicast);
        if (prefixLength > 0) m.Attr(Rta.Dst, V4(destination));
        if (gateway is not null) m.Attr(Rta.Gateway, V4(gateway));
        if (outputIndex is { } oif) m.AttrU32(Rta.Oif, (uint)oif);
        if (table >= 256) m.AttrU32(Rta.Table, (uint)table);
        var via = gateway is null ? $"dev #{outputIndex}" : $"via {gateway}";
        return new NetlinkRequest($"{verb} route {destination}/{prefixLength} {via}", m.ToArray());
    }

    public static NetlinkRequest ListRoutes() =>
        new("list routes", new NetlinkMessageBuilder(Rtm.GetRoute, Nl.Request | Nl.Dump).RtMsg(Af.Inet, 0, 0, 0, 0, 0).ToArray(), IsDump: true);

    private static byte[] V4(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetwork
            ? address.GetAddressBytes()
            : throw new ArgumentException($"{address} is not an IPv4 address");

    private static void CheckPrefix(int prefixLength)
    {
        if (prefixLength is < 0 or > 32) throw new ArgumentException($"invalid IPv4 prefix length {prefixLength}");
    }

    private static uint CheckMtu(int mtu) =>
        mtu is >= 68 and <= 65535 ? (uint)mtu : throw new LinuxException($"invalid MTU {mtu}: must be between 68 and 65535");

    // IFNAMSIZ is 16 with the terminating NUL; '/' and whitespace are refused by the kernel too, but worded badly.
    public static void CheckName(string name)
    {
        if (name.Length is 0 or > 15 || name is "." or ".." || name.Any(c => c is '/' or ':' || char.IsWhiteSpace(c) || c > 0x7e))
            throw new LinuxException($"invalid network interface name \"{name}\": 1 to 15 characters, no '/', ':' or spaces");
    }
}
