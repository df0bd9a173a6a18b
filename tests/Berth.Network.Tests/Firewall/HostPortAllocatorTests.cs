using System.Net;
using System.Net.Sockets;
using Berth.Network.Firewall;
using Berth.Network.Ipam;

namespace Berth.Network.Tests.Firewall;

// Only 127.0.0.1 is ever bound here (the bind test binds exactly the address it is given).
public sealed class HostPortAllocatorTests
{
    private static readonly Ipv4Address Loopback = Ipv4Address.Parse("127.0.0.1");
    private static readonly Ipv4Address OtherLoopback = Ipv4Address.Parse("127.0.0.2");

    // A port nothing holds right now, below the kernel's ephemeral range: one the kernel picked would be handed out
    // again to any process binding port 0 (the tests running beside these do), and a later bind test would fail.
    private static int FreePort(TransportProtocol protocol)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var port = Random.Shared.Next(20000, 30000);
            try
            {
                using var socket = Bound(protocol, port);
                return port;
            }
            catch (SocketException)
            {
            }
        }
        throw new InvalidOperationException("no free loopback port found below the ephemeral range");
    }

    private static Socket Bound(TransportProtocol protocol, int port)
    {
        var socket = protocol == TransportProtocol.Tcp
            ? new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)
            : new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
        if (protocol == TransportProtocol.Tcp) socket.Listen();
        return socket;
    }

    [Fact]
    public void A_port_reserved_twice_is_already_allocated()
    {
        var allocator = new HostPortAllocator();
        var port = FreePort(TransportProtocol.Tcp);
        allocator.Reserve(TransportProtocol.Tcp, Loopback, port);
        var ex = Assert.Throws<PortAllocationException>(() => allocator.Reserve(TransportProtocol.Tcp, Loopback, port));
        Assert.Equal(PortAllocationErrorKind.AlreadyAllocated, ex.Kind);
        Assert.Equal($"Bind for 127.0.0.1:{port} failed: port is already allocated", ex.Message);
    }

    [Fact]
    public void Every_address_and_one_address_conflict_but_protocols_and_distinct_addresses_do_not()
    {
        var allocator = new HostPortAllocator();
        var port = FreePort(TransportProtocol.Tcp);
        allocator.Restore(TransportProtocol.Tcp, null, port);
        var ex = Assert.Throws<PortAllocationException>(() => allocator.Restore(TransportProtocol.Tcp, Loopback, port));
        Assert.Equal($"Bind for 127.0.0.1:{port} failed: port is already allocated", ex.Message);
        allocator.Restore(TransportProtocol.Udp, Loopback, port);

        Assert.True(allocator.Release(TransportProtocol.Tcp, Ipv4Address.Parse("0.0.0.0"), port)); // 0.0.0.0 is every address
        allocator.Restore(TransportProtocol.Tcp, Loopback, port);
        allocator.Restore(TransportProtocol.Tcp, OtherLoopback, port);
        ex = Assert.Throws<PortAllocationException>(() => allocator.Restore(TransportProtocol.Tcp, null, port));
        Assert.Equal($"Bind for 0.0.0.0:{port} failed: port is already allocated", ex.Message);
    }

    [Theory]
    [InlineData(TransportProtocol.Tcp, "tcp")]
    [InlineData(TransportProtocol.Udp, "udp")]
    public void A_port_a_host_program_holds_is_refused(TransportProtocol protocol, string name)
    {
        using var holder = Bound(protocol, 0);
        var port = ((IPEndPoint)holder.LocalEndPoint!).Port;
        var allocator = new HostPortAllocator();
        var ex = Assert.Throws<PortAllocationException>(() => allocator.Reserve(protocol, Loopback, port));
        Assert.Equal(PortAllocationErrorKind.Unavailable, ex.Kind);
        Assert.Equal($"listen {name}4 127.0.0.1:{port}: bind: address already in use", ex.Message);
        Assert.False(allocator.IsReserved(protocol, Loopback, port));

        // After a restart the daemon re-registers its own ports without the bind test.
        allocator.Restore(protocol, Loopback, port);
        Assert.True(allocator.IsReserved(protocol, Loopback, port));
    }

    [Fact]
    public void An_address_that_is_not_local_is_refused()
    {
        var allocator = new HostPortAllocator();
        var ex = Assert.Throws<PortAllocationException>(() => allocator.Reserve(TransportProtocol.Tcp, Ipv4Address.Parse("192.0.2.77"), 8080));
        Assert.Equal("listen tcp4 192.0.2.77:8080: bind: cannot assign requested address", ex.Message);
    }

    [Fact]
    public void Released_ports_can_be_reserved_again()
    {
        var allocator = new HostPortAllocator();
        var port = FreePort(TransportProtocol.Udp);
        allocator.Reserve(TransportProtocol.Udp, Loopback, port);
        Assert.True(allocator.Release(TransportProtocol.Udp, Loopback, port));
        Assert.False(allocator.Release(TransportProtocol.Udp, Loopback, port));
        allocator.Reserve(TransportProtocol.Udp, Loopback, port);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    public void Out_of_range_ports_are_invalid(int port)
    {
        var ex = Assert.Throws<PortAllocationException>(() => new HostPortAllocator().Reserve(TransportProtocol.Tcp, Loopback, port));
        Assert.Equal(PortAllocationErrorKind.InvalidArgument, ex.Kind);
    }

    // A range of three ports below the kernel's ephemeral range, with the middle one held by a "host program".
    [Fact]
    public void Reserve_any_skips_reserved_and_busy_ports_then_reports_exhaustion()
    {
        var (first, holder) = ThreePortsWithMiddleHeld();
        using (holder)
        {
            var allocator = new HostPortAllocator(() => new LocalPortRange(first, first + 2));
            var picked = new[] { allocator.ReserveAny(TransportProtocol.Tcp, Loopback), allocator.ReserveAny(TransportProtocol.Tcp, Loopback) };
            Assert.Equal([first, first + 2], picked);
            var ex = Assert.Throws<PortAllocationException>(() => allocator.ReserveAny(TransportProtocol.Tcp, Loopback));
            Assert.Equal(PortAllocationErrorKind.Exhausted, ex.Kind);
            Assert.Equal($"Bind for 127.0.0.1:{first}-{first + 2}/tcp failed: all ports are allocated", ex.Message);

            // Ports come round in order, so the one just released is handed out only after the others.
            allocator.Release(TransportProtocol.Tcp, Loopback, first);
            Assert.Equal(first, allocator.ReserveAny(TransportProtocol.Tcp, Loopback));
        }
    }

    private static (int First, Socket Holder) ThreePortsWithMiddleHeld()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var first = Random.Shared.Next(20000, 30000);
            if (!Enumerable.Range(first, 3).All(p => CanBind(p))) continue;
            try
            {
                return (first, Bound(TransportProtocol.Tcp, first + 1));
            }
            catch (SocketException)
            {
            }
        }
        throw new InvalidOperationException("no three free loopback ports found");
    }

    private static bool CanBind(int port)
    {
        try
        {
            using var s = Bound(TransportProtocol.Tcp, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    [Fact]
    public void Concurrent_reserve_any_never_hands_out_a_port_twice()
    {
        var allocator = new HostPortAllocator();
        var ports = new int[64];
        Parallel.For(0, ports.Length, i => ports[i] = allocator.ReserveAny(TransportProtocol.Udp, Loopback));
        Assert.Equal(ports.Length, ports.Distinct().Count());
        var range = LocalPortRange.Read();
        Assert.All(ports, p => Assert.InRange(p, range.First, range.Last));
    }

    [Theory]
    [InlineData("32768\t60999\n", 32768, 60999)]
    [InlineData("1024 1024", 1024, 1024)]
    public void The_local_port_range_is_parsed(string text, int first, int last)
    {
        Assert.Equal(new LocalPortRange(first, last), LocalPortRange.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("60999 32768")]
    [InlineData("0 100")]
    [InlineData("1 2 3")]
    public void A_bad_local_port_range_is_refused(string text)
    {
        Assert.Throws<PortAllocationException>(() => LocalPortRange.Parse(text));
    }
}
