using System.Net;
using System.Net.NetworkInformation;
using Berth.Linux.Netlink;
using Berth.Network.Ipam;

namespace Berth.Network.Bridge;

// One container's link to a bridge: a veth pair whose peer is made directly inside the container's namespace
// (no rename or move afterwards), then configured there with its address and, for the first network, the default
// route.
public sealed record EndpointPlan(
    string HostVeth, string InterfaceName, Ipv4Address Address, Ipv4Subnet Subnet, Ipv4Address Gateway, byte[] Mac, bool DefaultRoute, int Mtu);

public static class VethEndpoint
{
    public static void Attach(RouteNetlink host, int bridgeIndex, int netnsFd, EndpointPlan plan)
    {
        var near = host.CreateVethPair(new VethPair(plan.HostVeth, plan.InterfaceName)
        {
            PeerNamespaceFd = netnsFd,
            MasterIndex = bridgeIndex,
            PeerAddress = new PhysicalAddress(plan.Mac),
            Mtu = plan.Mtu > 0 ? plan.Mtu : null,
        });
        try
        {
            // A container reaching its own published port through the host comes back by the port it left from.
            host.SetHairpin(near.Index, true);
            using var inside = RouteNetlink.OpenInNamespace(netnsFd);
            var link = inside.GetLink(plan.InterfaceName) ?? throw new NetlinkException($"configure {plan.InterfaceName}", NetlinkException.ENODEV, "not in the container's namespace after creation");
            inside.ConfigureInterface(link.Index, Ip(plan.Address), plan.Subnet.PrefixLength, Ip(plan.Subnet.Broadcast),
                plan.DefaultRoute ? Ip(plan.Gateway) : null);
        }
        catch
        {
            host.TryDeleteLink(plan.HostVeth);
            throw;
        }
    }

    // Deleting the host end removes the pair at once; waiting for the namespace to go would leave it for a while.
    public static void Detach(RouteNetlink host, string hostVeth) => host.TryDeleteLink(hostVeth);

    private static IPAddress Ip(Ipv4Address a) => new(a.GetBytes());
}
