using System.Net;
using Berth.Linux.Netlink;
using Berth.Network.Ipam;

namespace Berth.Network.Bridge;

// The Linux bridge behind a bridge network: created on first use, given the gateway address, brought up.
// An existing device of that name is adopted (after a daemon restart, or one the administrator made).
public static class BridgeDevice
{
    public static int Ensure(RouteNetlink host, string name, Ipv4Address gateway, Ipv4Subnet subnet, int mtu)
    {
        var link = host.GetLink(name) ?? host.CreateBridge(name, mtu > 0 ? mtu : null, up: false);
        // Never take over another kind of device (eth0, say): it would get the gateway address, and lose its own.
        if (link.Kind != "bridge")
            throw new NetlinkException($"use {name} as a bridge", NetlinkException.EEXIST, $"the host's {name} is not a bridge");
        var address = new IPAddress(gateway.GetBytes());
        var present = host.ListAddresses(link.Index).Any(a => a.Address.Equals(address) && a.PrefixLength == subnet.PrefixLength);
        if (!present) host.AddAddress(link.Index, address, subnet.PrefixLength, new IPAddress(subnet.Broadcast.GetBytes()));
        host.SetUp(link.Index);
        return link.Index;
    }

    public static void Remove(RouteNetlink host, string name)
    {
        if (host.GetLink(name) is { Kind: "bridge" }) host.TryDeleteLink(name);
    }

    // A device of that name exists already (a new network must not adopt, and later delete, one it did not make).
    public static bool Exists(RouteNetlink host, string name) => host.GetLink(name) is not null;
}
