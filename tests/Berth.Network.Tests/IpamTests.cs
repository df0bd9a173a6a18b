using System.Text.Json;
using Berth.Network.Ipam;

namespace Berth.Network.Tests;

public sealed class Ipv4SubnetTests
{
    [Theory]
    [InlineData("10.64.0.0/16", "10.64.0.0", 16, "10.64.255.255")]
    [InlineData("0.0.0.0/0", "0.0.0.0", 0, "255.255.255.255")]
    [InlineData("192.168.1.7/32", "192.168.1.7", 32, "192.168.1.7")]
    public void Cidr_is_parsed_and_formatted(string text, string network, int prefix, string broadcast)
    {
        var subnet = Ipv4Subnet.Parse(text);
        Assert.Equal((network, prefix, broadcast), (subnet.Network.ToString(), subnet.PrefixLength, subnet.Broadcast.ToString()));
        Assert.Equal(text, subnet.ToString());
    }

    [Theory]
    [InlineData("10.64.0.0")]
    [InlineData("10.64.0.0/33")]
    [InlineData("10.64.0/16")]
    [InlineData("10.064.0.0/16")]
    [InlineData("256.1.1.1/8")]
    [InlineData("10.0.0.0/-1")]
    [InlineData("10.0.0.0/ 8")]
    public void Bad_cidr_is_one_clear_error(string text)
    {
        var ex = Assert.Throws<IpamException>(() => Ipv4Subnet.Parse(text));
        Assert.Equal(IpamErrorKind.InvalidArgument, ex.Kind);
        Assert.Equal($"invalid CIDR address: {text}", ex.Message);
    }

    [Fact]
    public void Host_bits_in_a_subnet_are_refused_with_the_right_form()
    {
        var ex = Assert.Throws<IpamException>(() => Ipv4Subnet.Parse("172.20.0.1/16"));
        Assert.Equal("invalid subnet 172.20.0.1/16: it should be 172.20.0.0/16", ex.Message);
    }

    [Fact]
    public void An_interface_address_gives_its_address_and_subnet()
    {
        var (address, subnet) = Ipv4Subnet.ParseInterface("10.64.0.1/16");
        Assert.Equal(("10.64.0.1", "10.64.0.0/16"), (address.ToString(), subnet.ToString()));
    }

    [Fact]
    public void Containment_and_overlap()
    {
        var big = Ipv4Subnet.Parse("10.64.0.0/12");
        var inside = Ipv4Subnet.Parse("10.70.0.0/16");
        var outside = Ipv4Subnet.Parse("10.80.0.0/16");
        Assert.True(big.Contains(inside));
        Assert.False(inside.Contains(big));
        Assert.True(big.Overlaps(inside) && inside.Overlaps(big));
        Assert.False(big.Overlaps(outside));
        Assert.True(big.Contains(Ipv4Address.Parse("10.79.255.255")));
        Assert.False(big.Contains(Ipv4Address.Parse("10.80.0.0")));
    }

    [Fact]
    public void Usable_hosts_exclude_network_and_broadcast_except_in_31_and_32()
    {
        var s24 = Ipv4Subnet.Parse("10.1.2.0/24");
        Assert.Equal(("10.1.2.1", "10.1.2.254"), (s24.FirstHost.ToString(), s24.LastHost.ToString()));
        var s31 = Ipv4Subnet.Parse("10.1.2.0/31");
        Assert.Equal(("10.1.2.0", "10.1.2.1"), (s31.FirstHost.ToString(), s31.LastHost.ToString()));
    }
}

public sealed class SubnetChooserTests
{
    private static readonly Ipv4Subnet[] None = [];

    [Fact]
    public void Berth_defaults_avoid_docker_and_podman()
    {
        foreach (var pool in DefaultAddressPools.Pools)
        {
            Assert.False(pool.Base.Overlaps(Ipv4Subnet.Parse("172.16.0.0/12")), $"{pool} overlaps Docker's pools");
            Assert.False(pool.Base.Overlaps(Ipv4Subnet.Parse("192.168.0.0/16")), $"{pool} overlaps Docker's pools");
            Assert.False(pool.Base.Overlaps(Ipv4Subnet.Parse("10.88.0.0/13")), $"{pool} overlaps Podman's 10.88-10.95");
        }
        Assert.Equal("10.64.0.0/16", SubnetChooser.Choose(DefaultAddressPools.Pools, None, None).ToString());
    }

    [Fact]
    public void Existing_networks_and_host_routes_are_skipped_in_order()
    {
        var pools = new[] { AddressPool.Parse("10.64.0.0/12", 16) };
        var networks = new[] { Ipv4Subnet.Parse("10.64.0.0/16") };
        var routes = new[] { Ipv4Subnet.Parse("0.0.0.0/0"), Ipv4Subnet.Parse("10.65.3.0/24"), Ipv4Subnet.Parse("10.66.0.0/15") };
        Assert.Equal("10.68.0.0/16", SubnetChooser.Choose(pools, networks, routes).ToString());
    }

    [Fact]
    public void The_next_pool_is_used_when_one_is_full_and_exhaustion_is_an_error()
    {
        var pools = new[] { AddressPool.Parse("10.64.0.0/15", 16), AddressPool.Parse("10.80.0.0/16", 20) };
        var used = new[] { Ipv4Subnet.Parse("10.64.0.0/16"), Ipv4Subnet.Parse("10.65.0.0/16") };
        Assert.Equal("10.80.0.0/20", SubnetChooser.Choose(pools, used, None).ToString());

        var ex = Assert.Throws<IpamException>(() => SubnetChooser.Choose(pools, used, [Ipv4Subnet.Parse("10.80.0.0/16")]));
        Assert.Equal(IpamErrorKind.Exhausted, ex.Kind);
        Assert.Equal("all predefined address pools have been fully subnetted", ex.Message);
    }

    [Fact]
    public void A_huge_pool_behind_a_large_obstacle_is_not_walked_subnet_by_subnet()
    {
        var pools = new[] { AddressPool.Parse("10.0.0.0/8", 30) };
        var chosen = SubnetChooser.Choose(pools, [Ipv4Subnet.Parse("10.0.0.0/9")], None);
        Assert.Equal("10.128.0.0/30", chosen.ToString());
    }

    [Fact]
    public void A_requested_subnet_must_not_overlap_another_network()
    {
        var ex = Assert.Throws<IpamException>(() =>
            SubnetChooser.CheckRequested(Ipv4Subnet.Parse("10.64.128.0/17"), [Ipv4Subnet.Parse("10.64.0.0/16")]));
        Assert.Equal(IpamErrorKind.Conflict, ex.Kind);
        SubnetChooser.CheckRequested(Ipv4Subnet.Parse("10.65.0.0/16"), [Ipv4Subnet.Parse("10.64.0.0/16")]);
    }

    [Fact]
    public void A_pool_size_smaller_than_its_base_is_refused()
    {
        Assert.Throws<IpamException>(() => AddressPool.Parse("10.64.0.0/12", 8));
        Assert.Throws<IpamException>(() => AddressPool.Parse("10.64.0.0/12", 33));
    }
}

public sealed class NetworkAddressAllocatorTests
{
    [Fact]
    public void The_gateway_is_the_first_host_and_containers_follow()
    {
        var a = NetworkAddressAllocator.Create(Ipv4Subnet.Parse("10.64.0.0/16"));
        Assert.Equal("10.64.0.1", a.Gateway.ToString());
        Assert.Equal("10.64.0.2", a.AllocateNext().ToString());
        Assert.Equal("10.64.0.3", a.AllocateNext().ToString());
    }

    [Fact]
    public void A_released_address_is_not_reused_before_the_range_wraps()
    {
        var a = NetworkAddressAllocator.Create(Ipv4Subnet.Parse("10.1.0.0/29")); // hosts .1-.6, gateway .1
        var two = a.AllocateNext();
        Assert.Equal("10.1.0.2", two.ToString());
        Assert.True(a.Release(two));
        Assert.Equal("10.1.0.3", a.AllocateNext().ToString());
        Assert.Equal("10.1.0.4", a.AllocateNext().ToString());
        Assert.Equal("10.1.0.5", a.AllocateNext().ToString());
        Assert.Equal("10.1.0.6", a.AllocateNext().ToString());
        Assert.Equal("10.1.0.2", a.AllocateNext().ToString()); // wrapped around
        var ex = Assert.Throws<IpamException>(() => a.AllocateNext());
        Assert.Equal((IpamErrorKind.Exhausted, "no available IPv4 addresses in 10.1.0.0/29"), (ex.Kind, ex.Message));
    }

    [Fact]
    public void Ip_range_limits_automatic_addresses_but_not_specific_ones()
    {
        var a = NetworkAddressAllocator.Create(Ipv4Subnet.Parse("172.28.0.0/16"), Ipv4Subnet.Parse("172.28.5.0/24"), Ipv4Address.Parse("172.28.5.254"));
        Assert.Equal("172.28.5.254", a.Gateway.ToString());
        Assert.Equal("172.28.5.0", a.AllocateNext().ToString()); // inside the subnet, .0 of the range is a host address
        Assert.Equal("172.28.5.1", a.AllocateNext().ToString());
        Assert.Equal("172.28.9.9", a.Allocate(Ipv4Address.Parse("172.28.9.9")).ToString());
    }

    [Fact]
    public void Specific_addresses_are_checked()
    {
        var a = NetworkAddressAllocator.Create(Ipv4Subnet.Parse("10.64.0.0/24"));
        a.Allocate(Ipv4Address.Parse("10.64.0.50"));
        Assert.Equal(IpamErrorKind.Conflict, Assert.Throws<IpamException>(() => a.Allocate(Ipv4Address.Parse("10.64.0.50"))).Kind);
        Assert.Equal(IpamErrorKind.Conflict, Assert.Throws<IpamException>(() => a.Allocate(Ipv4Address.Parse("10.64.0.1"))).Kind);
        Assert.Equal(IpamErrorKind.InvalidArgument, Assert.Throws<IpamException>(() => a.Allocate(Ipv4Address.Parse("10.65.0.5"))).Kind);
        Assert.Equal(IpamErrorKind.InvalidArgument, Assert.Throws<IpamException>(() => a.Allocate(Ipv4Address.Parse("10.64.0.255"))).Kind);
        // The explicitly taken .50 is skipped by automatic allocation; a specific allocation does not move the cursor.
        for (var i = 2; i < 50; i++) a.AllocateNext();
        Assert.Equal("10.64.0.51", a.AllocateNext().ToString());
        Assert.False(a.Release(a.Gateway));
        Assert.False(a.Release(Ipv4Address.Parse("10.64.0.200")));
    }

    [Fact]
    public void Bad_range_or_gateway_is_refused()
    {
        var subnet = Ipv4Subnet.Parse("10.64.0.0/24");
        Assert.Throws<IpamException>(() => NetworkAddressAllocator.Create(subnet, Ipv4Subnet.Parse("10.64.0.0/23")));
        Assert.Throws<IpamException>(() => NetworkAddressAllocator.Create(subnet, null, Ipv4Address.Parse("10.65.0.1")));
    }

    [Fact]
    public void State_round_trips_through_json_including_the_cursor()
    {
        var a = NetworkAddressAllocator.Create(Ipv4Subnet.Parse("10.64.0.0/24"), Ipv4Subnet.Parse("10.64.0.0/25"));
        var two = a.AllocateNext();
        a.AllocateNext();
        a.Release(two);
        var json = JsonSerializer.Serialize(a.ToState(), IpamJsonContext.Default.NetworkAddressState);
        Assert.Equal("""{"Subnet":"10.64.0.0/24","IpRange":"10.64.0.0/25","Gateway":"10.64.0.1","Allocated":["10.64.0.1","10.64.0.3"],"LastAllocated":"10.64.0.3"}""", json);

        var restored = NetworkAddressAllocator.FromState(JsonSerializer.Deserialize(json, IpamJsonContext.Default.NetworkAddressState)!);
        Assert.Equal("10.64.0.4", restored.AllocateNext().ToString());
        Assert.True(restored.IsAllocated(Ipv4Address.Parse("10.64.0.3")));
    }

    [Fact]
    public void Daemon_json_pools_deserialize()
    {
        var pools = JsonSerializer.Deserialize("""[{"base":"10.64.0.0/12","size":16}]""", IpamJsonContext.Default.ListAddressPoolSetting)!;
        Assert.Equal("10.64.0.0/12 size 16", pools.Single().ToPool().ToString());
    }
}

public sealed class MacAddressesTests
{
    [Fact]
    public void Mac_is_derived_from_the_ip_as_docker_does()
    {
        Assert.Equal("02:42:ac:11:00:02", MacAddresses.Format(MacAddresses.FromIpv4(Ipv4Address.Parse("172.17.0.2"))));
    }

    [Fact]
    public void Mac_is_parsed_and_multicast_refused()
    {
        Assert.Equal(new byte[] { 2, 0x42, 0xac, 0x11, 0, 2 }, MacAddresses.Parse("02:42:AC:11:00:02"));
        Assert.Equal(new byte[] { 2, 0x42, 0xac, 0x11, 0, 2 }, MacAddresses.Parse("02-42-ac-11-00-02"));
        Assert.Throws<IpamException>(() => MacAddresses.Parse("01:00:5e:00:00:01"));
        Assert.Throws<IpamException>(() => MacAddresses.Parse("02:42:ac:11:00"));
        Assert.Throws<IpamException>(() => MacAddresses.Parse("zz:42:ac:11:00:02"));
    }
}
