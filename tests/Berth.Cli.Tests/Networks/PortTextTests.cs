using Berth.Api.Models.Containers;
using Berth.Cli.Formatting;

namespace Berth.Cli.Tests.Networks;

// Expected texts were printed by docker 28.2 for the same ports, served by a stand-in daemon.
public class PortTextTests
{
    [Fact]
    public void Ps_collapses_consecutive_ports_and_lists_remapped_ones_last()
    {
        List<Port> ports =
        [
            new() { IP = "0.0.0.0", PrivatePort = 80, PublicPort = 8080, Type = "tcp" },
            new() { IP = "::", PrivatePort = 80, PublicPort = 8080, Type = "tcp" },
            new() { IP = "0.0.0.0", PrivatePort = 9000, PublicPort = 9000, Type = "tcp" },
            new() { IP = "0.0.0.0", PrivatePort = 9001, PublicPort = 9001, Type = "tcp" },
            new() { IP = "::", PrivatePort = 9000, PublicPort = 9000, Type = "tcp" },
            new() { IP = "::", PrivatePort = 9001, PublicPort = 9001, Type = "tcp" },
            new() { PrivatePort = 443, Type = "tcp" },
            new() { PrivatePort = 53, Type = "udp" },
            new() { PrivatePort = 54, Type = "udp" },
            new() { PrivatePort = 56, Type = "udp" },
            new() { IP = "127.0.0.1", PrivatePort = 5000, PublicPort = 5000, Type = "udp" },
        ];
        Assert.Equal("53-54/udp, 56/udp, 443/tcp, 127.0.0.1:5000->5000/udp, 0.0.0.0:9000-9001->9000-9001/tcp, [::]:9000-9001->9000-9001/tcp, 0.0.0.0:8080->80/tcp, [::]:8080->80/tcp",
            PortText.Summary(ports));
    }

    [Fact]
    public void Ps_shows_an_exposed_port_alone_and_nothing_for_none()
    {
        Assert.Equal("80/tcp", PortText.Summary([new Port { PrivatePort = 80, Type = "tcp" }]));
        Assert.Equal("0.0.0.0:8080->80/tcp", PortText.Summary([new Port { IP = "0.0.0.0", PrivatePort = 80, PublicPort = 8080, Type = "tcp" }]));
        Assert.Equal("", PortText.Summary([]));
        Assert.Equal("", PortText.Summary(null));
    }

    [Fact]
    public void Port_lists_every_binding_in_natural_order()
    {
        var ports = new Dictionary<string, List<PortBinding>?>
        {
            ["80/tcp"] = [new() { HostIp = "0.0.0.0", HostPort = "8080" }, new() { HostIp = "::", HostPort = "8080" }],
            ["443/tcp"] = null,
            ["9000/tcp"] = [new() { HostIp = "0.0.0.0", HostPort = "9000" }],
            ["10000/tcp"] = [new() { HostIp = "0.0.0.0", HostPort = "10000" }],
            ["53/udp"] = [new() { HostIp = "127.0.0.1", HostPort = "5353" }],
            ["7/tcp"] = [new() { HostIp = "", HostPort = "7" }],
        };
        Assert.Equal(
            ["7/tcp -> :7", "53/udp -> 127.0.0.1:5353", "80/tcp -> 0.0.0.0:8080", "80/tcp -> [::]:8080", "9000/tcp -> 0.0.0.0:9000", "10000/tcp -> 0.0.0.0:10000"],
            PortText.Mappings(ports));
    }
}
