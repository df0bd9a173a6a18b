using Berth.Api.Models.Containers;
using Berth.Engine.Networks;

namespace Berth.Engine.Tests.Networks;

public sealed class PortRequestsTests
{
    private static HostConfig Bindings(params (string Key, string Ip, string Port)[] bindings)
    {
        var hc = new HostConfig { PortBindings = [] };
        foreach (var (key, ip, port) in bindings)
        {
            if (!hc.PortBindings.TryGetValue(key, out var list) || list is null) hc.PortBindings[key] = list = [];
            list.Add(new PortBinding { HostIp = ip, HostPort = port });
        }
        return hc;
    }

    [Fact]
    public void Reads_fixed_any_and_ranged_host_ports_with_their_addresses()
    {
        var requests = PortRequests.Parse(Bindings(("80/tcp", "", "8080"), ("53/udp", "127.0.0.1", ""), ("90/tcp", "0.0.0.0", "9000-9010")), null);
        Assert.Equal(
            [new PortRequest("tcp", 80, "", 8080, 8080), new PortRequest("udp", 53, "127.0.0.1", 0, 0), new PortRequest("tcp", 90, "", 9000, 9010)],
            requests);
    }

    [Fact]
    public void Publish_all_takes_each_exposed_port_not_bound_already()
    {
        var hc = Bindings(("80/tcp", "", "8080"));
        hc.PublishAllPorts = true;
        var requests = PortRequests.Parse(hc, ["80/tcp", "443/tcp", "53/udp"]);
        Assert.Equal([new PortRequest("tcp", 80, "", 8080, 8080), new PortRequest("tcp", 443, "", 0, 0), new PortRequest("udp", 53, "", 0, 0)], requests);
    }

    [Theory]
    [InlineData("80/tcp", "", "9000-8000", "invalid host port 9000-8000")]
    [InlineData("80/tcp", "", "70000", "invalid host port 70000")]
    [InlineData("0/tcp", "", "", "invalid port 0/tcp")]
    [InlineData("80/sctp", "", "", "publishing sctp ports is not supported yet")]
    [InlineData("80/tcp", "::1", "", "publishing on IPv6 address ::1 is not supported yet")]
    [InlineData("80/tcp", "nope", "", "invalid host IP address nope")]
    public void Bad_bindings_are_one_clear_error(string key, string ip, string port, string message)
    {
        var e = Assert.Throws<NetworkException>(() => PortRequests.Parse(Bindings((key, ip, port)), null));
        Assert.Equal(400, e.Status);
        Assert.Contains(message, e.Message);
    }
}
