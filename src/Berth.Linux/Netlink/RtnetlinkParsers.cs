using System.Net;
using System.Net.NetworkInformation;
using System.Runtime.InteropServices;

namespace Berth.Linux.Netlink;

// Decodes RTM_NEWLINK / RTM_NEWADDR / RTM_NEWROUTE payloads (the part after nlmsghdr).
internal static class RtnetlinkParsers
{
    private const int IfInfoSize = 16, IfAddrSize = 8, RtMsgSize = 12;

    public static NetworkLink Link(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < IfInfoSize) throw Malformed("link");
        var deviceType = MemoryMarshal.Read<ushort>(payload[2..]);
        var index = MemoryMarshal.Read<int>(payload[4..]);
        var flags = (LinkFlags)MemoryMarshal.Read<uint>(payload[8..]);
        string name = "";
        int mtu = 0, master = 0;
        PhysicalAddress? address = null;
        string? kind = null;
        var attrs = new NetlinkAttributeReader(payload[IfInfoSize..]);
        while (attrs.TryNext(out var type, out var value))
        {
            switch (type)
            {
                case Ifla.IfName: name = NetlinkAttributeReader.String(value); break;
                case Ifla.Mtu: mtu = (int)NetlinkAttributeReader.U32(value); break;
                case Ifla.Master: master = (int)NetlinkAttributeReader.U32(value); break;
                case Ifla.Address: address = new PhysicalAddress(value.ToArray()); break;
                case Ifla.LinkInfo:
                    var info = new NetlinkAttributeReader(value);
                    while (info.TryNext(out var infoType, out var infoValue))
                        if (infoType == Ifla.InfoKind) kind = NetlinkAttributeReader.String(infoValue);
                    break;
            }
        }
        return new NetworkLink(index, name, flags, mtu, address, master, kind, deviceType);
    }

    public static InterfaceAddress? Address(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < IfAddrSize) throw Malformed("address");
        if (payload[0] != Af.Inet) return null;
        var prefix = payload[1];
        var scope = payload[3];
        var index = MemoryMarshal.Read<int>(payload[4..]);
        IPAddress? local = null, address = null, broadcast = null;
        string? label = null;
        var attrs = new NetlinkAttributeReader(payload[IfAddrSize..]);
        while (attrs.TryNext(out var type, out var value))
        {
            switch (type)
            {
                case Ifa.Local: local = V4(value); break;
                case Ifa.Address: address = V4(value); break;
                case Ifa.Broadcast: broadcast = V4(value); break;
                case Ifa.Label: label = NetlinkAttributeReader.String(value); break;
            }
        }
        // IFA_LOCAL is the interface's own address; IFA_ADDRESS differs from it only on point-to-point links.
        var own = local ?? address;
        return own is null ? null : new InterfaceAddress(index, own, prefix, broadcast, scope, label);
    }

    public static Ipv4Route? Route(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < RtMsgSize) throw Malformed("route");
        if (payload[0] != Af.Inet) return null;
        var dstLength = payload[1];
        int table = payload[4];
        var protocol = (RouteProtocol)payload[5];
        var scope = (RouteScope)payload[6];
        var type = (RouteType)payload[7];
        IPAddress destination = IPAddress.Any;
        IPAddress? gateway = null, source = null;
        int oif = 0;
        uint priority = 0;
        var attrs = new NetlinkAttributeReader(payload[RtMsgSize..]);
        while (attrs.TryNext(out var attr, out var value))
        {
            switch (attr)
            {
                case Rta.Dst: destination = V4(value) ?? destination; break;
                case Rta.Gateway: gateway = V4(value); break;
                case Rta.Oif: oif = (int)NetlinkAttributeReader.U32(value); break;
                case Rta.PrefSrc: source = V4(value); break;
                case Rta.Priority: priority = NetlinkAttributeReader.U32(value); break;
                case Rta.Table: table = (int)NetlinkAttributeReader.U32(value); break;
            }
        }
        return new Ipv4Route(destination, dstLength, gateway, oif, table, protocol, scope, type, source, priority);
    }

    private static IPAddress? V4(ReadOnlySpan<byte> value) => value.Length == 4 ? new IPAddress(value) : null;

    private static NetlinkException Malformed(string what) => new($"read {what} from rtnetlink", 0, $"truncated {what} message");
}
