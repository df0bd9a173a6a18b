using System.Net;
using System.Net.NetworkInformation;
using System.Runtime.InteropServices;
using Berth.Linux.Netlink;

namespace Berth.Linux.Tests.Netlink;

public sealed class NetlinkEncodingTests
{
    [Fact]
    public void Header_and_attributes_are_encoded_with_lengths_and_4_byte_alignment()
    {
        var bytes = new NetlinkMessageBuilder(Rtm.NewLink, 0x605)
            .IfInfo(Af.Unspec, 7, LinkFlags.Up, LinkFlags.Up)
            .AttrString(Ifla.IfName, "br0")
            .AttrU8(40, 1)
            .ToArray();

        Assert.Equal(16 + 16 + 8 + 8, bytes.Length);
        Assert.Equal((uint)bytes.Length, MemoryMarshal.Read<uint>(bytes));
        Assert.Equal(Rtm.NewLink, MemoryMarshal.Read<ushort>(bytes.AsSpan(4)));
        Assert.Equal((ushort)0x605, MemoryMarshal.Read<ushort>(bytes.AsSpan(6)));
        Assert.Equal(7, MemoryMarshal.Read<int>(bytes.AsSpan(20)));
        Assert.Equal(1u, MemoryMarshal.Read<uint>(bytes.AsSpan(24)));
        // "br0\0" = 4 bytes: rtattr length 8, no padding; the u8 attribute has length 5 padded to 8.
        Assert.Equal(new byte[] { 8, 0, 3, 0, (byte)'b', (byte)'r', (byte)'0', 0, 5, 0, 40, 0, 1, 0, 0, 0 }, bytes[32..]);
    }

    [Fact]
    public void A_veth_request_nests_the_peer_with_its_own_ifinfomsg_name_and_namespace()
    {
        var request = RtnetlinkRequests.CreateVeth(new VethPair("veth1", "eth0")
        {
            PeerNamespaceFd = 42, MasterIndex = 5, PeerAddress = PhysicalAddress.Parse("02-42-0A-40-00-02"), Mtu = 1450,
        });
        var reader = new NetlinkMessageReader(request.Message);
        Assert.True(reader.TryNext(out var message));
        Assert.Equal(Rtm.NewLink, message.Type);
        Assert.Equal(Nl.Request | Nl.Ack | Nl.Create | Nl.Excl, message.Flags);

        var top = Attributes(message.Payload[16..]);
        Assert.Equal("veth1", NetlinkAttributeReader.String(top[Ifla.IfName]));
        Assert.Equal(5u, NetlinkAttributeReader.U32(top[Ifla.Master]));
        Assert.Equal(1450u, NetlinkAttributeReader.U32(top[Ifla.Mtu]));
        var info = Attributes(top[Ifla.LinkInfo]);
        Assert.Equal("veth", NetlinkAttributeReader.String(info[Ifla.InfoKind]));
        var data = Attributes(info[Ifla.InfoData]);
        var peer = data[Ifla.VethInfoPeer];
        var peerAttrs = Attributes(peer[16..]);
        Assert.Equal("eth0", NetlinkAttributeReader.String(peerAttrs[Ifla.IfName]));
        Assert.Equal(42u, NetlinkAttributeReader.U32(peerAttrs[Ifla.NetNsFd]));
        Assert.Equal(new byte[] { 2, 0x42, 10, 64, 0, 2 }, peerAttrs[Ifla.Address]);
    }

    [Fact]
    public void Nested_attributes_carry_the_nested_flag_and_their_full_length()
    {
        var bytes = RtnetlinkRequests.CreateBridge("br0", null, null, up: true).Message;
        // ifinfomsg ends at 32; IFLA_IFNAME "br0" takes 8; IFLA_LINKINFO follows.
        var nested = bytes.AsSpan(40);
        Assert.Equal((ushort)(Ifla.LinkInfo | 0x8000), MemoryMarshal.Read<ushort>(nested[2..]));
        Assert.Equal((ushort)(4 + 12), MemoryMarshal.Read<ushort>(nested)); // kind "bridge\0" = 4 + 7, padded to 12
        Assert.Equal(40 + 16, bytes.Length);
    }

    [Fact]
    public void A_default_route_has_no_destination_and_a_gateway_in_network_order()
    {
        var request = RtnetlinkRequests.AddRoute(IPAddress.Any, 0, IPAddress.Parse("10.64.0.1"), 3, RouteTables.Main);
        var reader = new NetlinkMessageReader(request.Message);
        Assert.True(reader.TryNext(out var message));
        Assert.Equal(new byte[] { 2, 0, 0, 0, 254, 3, 0, 1 }, message.Payload[..8].ToArray());
        var attrs = Attributes(message.Payload[12..]);
        Assert.False(attrs.ContainsKey(Rta.Dst));
        Assert.Equal(new byte[] { 10, 64, 0, 1 }, attrs[Rta.Gateway]);
        Assert.Equal(3u, NetlinkAttributeReader.U32(attrs[Rta.Oif]));
        Assert.Equal("add route 0.0.0.0/0 via 10.64.0.1", request.What);
    }

    [Fact]
    public void Replies_are_decoded_into_links_addresses_and_routes()
    {
        var link = new NetlinkMessageBuilder(Rtm.NewLink, 0).IfInfo(Af.Unspec, 9, LinkFlags.Up | LinkFlags.Broadcast, 0, deviceType: 1)
            .AttrString(Ifla.IfName, "br-x").AttrU32(Ifla.Mtu, 1500).AttrU32(Ifla.Master, 0)
            .Attr(Ifla.Address, [2, 0x42, 1, 2, 3, 4]);
        var infoStart = link.BeginNested(Ifla.LinkInfo);
        link.AttrString(Ifla.InfoKind, "bridge");
        link.EndNested(infoStart);
        var parsedLink = RtnetlinkParsers.Link(Payload(link.ToArray()));
        Assert.Equal(new NetworkLink(9, "br-x", LinkFlags.Up | LinkFlags.Broadcast, 1500, PhysicalAddress.Parse("02-42-01-02-03-04"), 0, "bridge", 1), parsedLink);
        Assert.True(parsedLink.IsUp);

        var address = RtnetlinkParsers.Address(Payload(RtnetlinkRequests.AddAddress(4, IPAddress.Parse("10.64.0.1"), 16, IPAddress.Parse("10.64.255.255")).Message))!;
        Assert.Equal((4, IPAddress.Parse("10.64.0.1"), 16, IPAddress.Parse("10.64.255.255")), (address.LinkIndex, address.Address, address.PrefixLength, address.Broadcast));

        var route = RtnetlinkParsers.Route(Payload(RtnetlinkRequests.AddRoute(IPAddress.Parse("10.65.0.0"), 16, null, 4, 1000).Message))!;
        Assert.Equal((IPAddress.Parse("10.65.0.0"), 16, (IPAddress?)null, 4, 1000, RouteScope.Link), (route.Destination, route.PrefixLength, route.Gateway, route.OutputLinkIndex, route.Table, route.Scope));
        Assert.False(route.IsDefault);
    }

    [Fact]
    public void A_truncated_message_is_reported_not_read_past_its_end()
    {
        var bytes = RtnetlinkRequests.GetLink("eth0").Message;
        var ex = Assert.Throws<NetlinkException>(() =>
        {
            var reader = new NetlinkMessageReader(bytes.AsSpan(0, bytes.Length - 4));
            reader.TryNext(out _);
        });
        Assert.Contains("malformed netlink message", ex.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("sixteen-chars-xx")]
    [InlineData("a/b")]
    [InlineData("a b")]
    [InlineData("..")]
    public void Bad_interface_names_are_refused_before_reaching_the_kernel(string name)
    {
        var ex = Assert.Throws<LinuxException>(() => RtnetlinkRequests.CreateBridge(name, null, null, true));
        Assert.StartsWith($"invalid network interface name \"{name}\"", ex.Message);
    }

    [Fact]
    public void Errors_are_worded_for_users_with_the_kernel_detail()
    {
        Assert.Equal("create bridge br0: already exists", new NetlinkException("create bridge br0", 17).Message);
        Assert.Equal("delete link x: no such network interface (Cannot find device)", new NetlinkException("delete link x", 19, "Cannot find device").Message);
    }

    [Theory]
    [InlineData("net.ipv4.ip_forward", "/proc/sys/net/ipv4/ip_forward")]
    [InlineData("net/ipv4/conf/br-1.2/route_localnet", "/proc/sys/net/ipv4/conf/br-1.2/route_localnet")]
    public void Sysctl_keys_map_to_proc_sys(string key, string path) => Assert.Equal(path, NetworkSysctl.PathOf(key));

    [Theory]
    [InlineData("kernel.hostname")]
    [InlineData("net/../kernel/x")]
    [InlineData("net")]
    public void Only_network_sysctls_are_accepted(string key) => Assert.Throws<LinuxException>(() => NetworkSysctl.PathOf(key));

    private static ReadOnlySpan<byte> Payload(byte[] message) => message.AsSpan(16);

    private static Dictionary<ushort, byte[]> Attributes(ReadOnlySpan<byte> data)
    {
        var result = new Dictionary<ushort, byte[]>();
        var reader = new NetlinkAttributeReader(data);
        while (reader.TryNext(out var type, out var value)) result[type] = value.ToArray();
        return result;
    }
}
