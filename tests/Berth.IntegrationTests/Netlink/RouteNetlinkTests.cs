using System.Net;
using System.Net.NetworkInformation;
using Berth.Linux.Netlink;

namespace Berth.IntegrationTests.Netlink;

public sealed class RouteNetlinkTests
{
    [Fact]
    public void A_bridge_and_a_veth_into_a_namespace_give_connectivity_both_ways()
    {
        using var ns = new ThrowawayNetns();
        using var host = RouteNetlink.Open();
        var (_, gateway, peer, broadcast) = ThrowawayNetns.FreeSubnet(host);
        var bridgeName = ns.NewLinkName("bt");
        var vethName = ns.NewLinkName("vt");

        var bridge = host.CreateBridge(bridgeName, mtu: 1500);
        Assert.Equal("bridge", bridge.Kind);
        Assert.True(bridge.IsUp);
        host.AddAddress(bridge.Index, gateway, 24, broadcast);

        var mac = PhysicalAddress.Parse("02-42-0A-C7-00-02");
        var veth = host.CreateVethPair(new VethPair(vethName, "eth0")
        {
            PeerNamespaceFd = ns.NsFd, PeerAddress = mac, MasterIndex = bridge.Index, Mtu = 1500,
        });
        Assert.Equal(bridge.Index, veth.MasterIndex);
        Assert.True(veth.IsUp);
        Assert.NotEqual("veth", host.GetLink("eth0")?.Kind); // the peer was created in the namespace, never on the host

        using (var inside = RouteNetlink.OpenInNamespace(ns.NsFd))
        {
            var eth0 = inside.GetLink("eth0") ?? throw new Xunit.Sdk.XunitException("eth0 missing in the namespace");
            Assert.Equal(mac, eth0.Address);
            inside.ConfigureInterface(eth0.Index, peer, 24, broadcast, gateway);

            var lo = inside.GetLink("lo")!;
            Assert.True(lo.IsUp);
            var routes = inside.ListRoutes();
            Assert.Contains(routes, r => r.IsDefault && gateway.Equals(r.Gateway) && r.OutputLinkIndex == eth0.Index);
            Assert.Contains(inside.ListAddresses(eth0.Index), a => a.Address.Equals(peer) && a.PrefixLength == 24 && broadcast.Equals(a.Broadcast));
        }

        var toHost = ns.Exec("busybox", "ping", "-c1", "-W5", gateway.ToString());
        Assert.True(toHost.Exit == 0, toHost.Output);
        var toContainer = ThrowawayNetns.RunOnHost("busybox", "ping", "-c1", "-W5", peer.ToString());
        Assert.True(toContainer.Exit == 0, toContainer.Output);
    }

    [Fact]
    public void Link_settings_change_and_read_back()
    {
        using var ns = new ThrowawayNetns();
        using var inside = RouteNetlink.OpenInNamespace(ns.NsFd);
        var bridge = inside.CreateBridge("br0", up: false);
        Assert.False(bridge.IsUp);
        var veth = inside.CreateVethPair(new VethPair("va", "vb") { Up = false });

        inside.Configure(veth.Index, new LinkSettings { MasterIndex = bridge.Index, Mtu = 1400, Address = PhysicalAddress.Parse("02-00-00-00-00-AA") });
        inside.Rename(veth.Index, "vrenamed");
        inside.SetUp(veth.Index);
        inside.SetHairpin(veth.Index, true);
        var changed = inside.GetLink(veth.Index)!;
        Assert.Equal(("vrenamed", 1400, bridge.Index, true), (changed.Name, changed.Mtu, changed.MasterIndex, changed.IsUp));
        Assert.Equal(PhysicalAddress.Parse("02-00-00-00-00-AA"), changed.Address);
        Assert.Equal("1", ReadInNamespace(ns, "/sys/class/net/vrenamed/brport/hairpin_mode"));

        inside.SetMaster(veth.Index, 0);
        inside.SetDown(veth.Index);
        var released = inside.GetLink("vrenamed")!;
        Assert.Equal((0, false), (released.MasterIndex, released.IsUp));

        var names = inside.ListLinks().Select(l => l.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "lo", "br0", "vrenamed", "vb" }, names);

        inside.DeleteLink("vrenamed");
        Assert.Null(inside.GetLink("vrenamed"));
        Assert.Null(inside.GetLink("vb")); // deleting one end of a veth deletes both
    }

    [Fact]
    public void Kernel_errors_are_clear_exceptions()
    {
        using var ns = new ThrowawayNetns();
        using var inside = RouteNetlink.OpenInNamespace(ns.NsFd);
        inside.CreateBridge("br0");

        var exists = Assert.Throws<NetlinkException>(() => inside.CreateBridge("br0"));
        Assert.StartsWith("create bridge br0: already exists", exists.Message);
        Assert.Equal(NetlinkException.EEXIST, exists.Errno);

        var missing = Assert.Throws<NetlinkException>(() => inside.DeleteLink("nosuch0"));
        Assert.Equal("delete link nosuch0: no such network interface", missing.Message);
        Assert.Null(inside.GetLink("nosuch0"));
        Assert.False(inside.TryDeleteLink("nosuch0"));

        var unreachable = Assert.Throws<NetlinkException>(() => inside.AddDefaultRoute(IPAddress.Parse("10.250.0.1")));
        Assert.Equal(NetlinkException.ENETUNREACH, unreachable.Errno);

        var badName = Assert.Throws<Berth.Linux.LinuxException>(() => inside.CreateBridge("a-name-longer-than-15"));
        Assert.Contains("invalid network interface name", badName.Message);
    }

    [Fact]
    public void Addresses_and_routes_are_added_listed_and_deleted()
    {
        using var ns = new ThrowawayNetns();
        using var inside = RouteNetlink.OpenInNamespace(ns.NsFd);
        var br = inside.CreateBridge("br0");
        var address = IPAddress.Parse("10.250.3.1");
        inside.AddAddress(br.Index, address, 24, IPAddress.Parse("10.250.3.255"));
        var dup = Assert.Throws<NetlinkException>(() => inside.AddAddress(br.Index, address, 24));
        Assert.Equal(NetlinkException.EEXIST, dup.Errno);

        // The kernel adds the connected route of the address.
        Assert.Contains(inside.ListRoutes(), r => r.Destination.Equals(IPAddress.Parse("10.250.3.0")) && r.PrefixLength == 24
            && r.Protocol == RouteProtocol.Kernel && r.Scope == RouteScope.Link && r.OutputLinkIndex == br.Index);

        inside.AddRoute(IPAddress.Parse("10.251.0.0"), 16, IPAddress.Parse("10.250.3.7"));
        Assert.Contains(inside.ListRoutes(), r => r.PrefixLength == 16 && IPAddress.Parse("10.250.3.7").Equals(r.Gateway));
        inside.DeleteRoute(IPAddress.Parse("10.251.0.0"), 16, IPAddress.Parse("10.250.3.7"));
        Assert.DoesNotContain(inside.ListRoutes(), r => r.PrefixLength == 16);
        Assert.Equal(NetlinkException.ESRCH,
            Assert.Throws<NetlinkException>(() => inside.DeleteRoute(IPAddress.Parse("10.251.0.0"), 16, IPAddress.Parse("10.250.3.7"))).Errno);

        inside.DeleteAddress(br.Index, address, 24);
        Assert.Empty(inside.ListAddresses(br.Index));
    }

    [Fact]
    public void Sysctls_are_set_per_namespace()
    {
        using var ns = new ThrowawayNetns();
        var hostValue = NetworkSysctl.Read("net.ipv4.conf.lo.route_localnet");
        var wanted = hostValue == "1" ? "0" : "1";
        NetworkSysctl.Write(ns.NsFd, "net.ipv4.conf.lo.route_localnet", wanted);
        Assert.Equal(wanted, NetworkSysctl.Read(ns.NsFd, "net.ipv4.conf.lo.route_localnet"));
        Assert.Equal(hostValue, NetworkSysctl.Read("net.ipv4.conf.lo.route_localnet"));

        NetworkSysctl.Write(ns.NsFd, "net.ipv4.ip_forward", "1");
        Assert.Equal("1", NetworkSysctl.Read(ns.NsFd, "net.ipv4.ip_forward"));
        Assert.Throws<Berth.Linux.LinuxException>(() => NetworkSysctl.Write(ns.NsFd, "kernel.hostname", "x"));
    }

    private static string ReadInNamespace(ThrowawayNetns ns, string path) => ns.Exec("cat", path).Output.Trim();
}

public sealed class NetworkNamespacesTests
{
    [Fact]
    public void A_created_namespace_is_new_empty_and_can_be_pinned_and_unpinned()
    {
        Berth.IntegrationTests.Infrastructure.HostRequirements.EnsureRoot();
        var fd = NetworkNamespaces.Create();
        var pin = $"/run/berth-it-netns/{Guid.NewGuid():N}";
        try
        {
            Assert.NotEqual(new FileInfo("/proc/self/ns/net").LinkTarget, new FileInfo($"/proc/self/fd/{fd}").LinkTarget);
            using (var inside = RouteNetlink.OpenInNamespace(fd))
            {
                var links = inside.ListLinks();
                Assert.Equal("lo", Assert.Single(links).Name);
                Assert.False(links[0].IsUp);
                inside.SetLoopbackUp();
                Assert.True(inside.GetLink("lo")!.IsUp);
            }
            NetworkNamespaces.Pin(fd, pin);
            using (var viaPin = RouteNetlink.OpenInNamespace(pin))
                Assert.True(viaPin.GetLink("lo")!.IsUp); // the same namespace, reached by its pinned path
            Assert.True(NetworkNamespaces.Unpin(pin));
            Assert.False(File.Exists(pin));
            Assert.False(NetworkNamespaces.Unpin(pin));
        }
        finally
        {
            NetworkNamespaces.Unpin(pin);
            Berth.Linux.Native.Fd.Close(fd);
        }
    }
}
