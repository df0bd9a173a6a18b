using System.Net.NetworkInformation;

namespace Berth.Linux.Netlink;

// A network interface as rtnetlink reports it. Kind is the IFLA_INFO_KIND ("bridge", "veth") or null
// for physical devices and loopback; MasterIndex is 0 when the link is not enslaved.
public sealed record NetworkLink(
    int Index, string Name, LinkFlags Flags, int Mtu, PhysicalAddress? Address, int MasterIndex, string? Kind, ushort DeviceType)
{
    public bool IsUp => (Flags & LinkFlags.Up) != 0;
}
