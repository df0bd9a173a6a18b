using Berth.Cli.Commands.Networks;
using Berth.Cli.Support;

namespace Berth.Cli.Tests.Networks;

public class NetworkCommandLineTests
{
    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        // No daemon at this socket: each case must be refused before the CLI tries to reach one.
        var code = await CliApp.RunAsync(["-H", $"unix:///tmp/berth-no-daemon-{Guid.NewGuid():N}.sock", .. args], stdout, stderr, _ => null, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("berth: --ipv6 is not supported yet", "network", "create", "--ipv6", "n")]
    [InlineData("berth: --ingress is not supported yet", "network", "create", "--ingress", "n")]
    [InlineData("berth: --config-from is not supported yet", "network", "create", "--config-from", "other", "n")]
    [InlineData("berth: --ip6 is not supported yet", "network", "connect", "--ip6", "::5", "n", "web")]
    [InlineData("berth: invalid argument \"a:b:c\" for \"--link\" flag: bad format for links: a:b:c", "network", "connect", "--link", "a:b:c", "n", "web")]
    [InlineData("berth: invalid argument \"x\" for \"--gw-priority\" flag: strconv.ParseInt: parsing \"x\": invalid syntax", "network", "connect", "--gw-priority", "x", "n", "web")]
    [InlineData("berth: \"berth network create\" requires exactly 1 argument.", "network", "create")]
    [InlineData("berth: \"berth network connect\" requires exactly 2 arguments.", "network", "connect", "n")]
    [InlineData("berth: \"berth network ls\" accepts no arguments.", "network", "ls", "x")]
    [InlineData("berth: \"berth network rm\" requires at least 1 argument.", "network", "rm")]
    public async Task Usage_errors_exit_125(string expected, params string[] args)
    {
        var (code, stdout, stderr) = await Run(args);
        Assert.Equal(125, code);
        Assert.Equal("", stdout);
        Assert.Equal(expected, stderr.Split('\n')[0]);
    }

    [Theory]
    [InlineData("every ip-range or gateway must have a corresponding subnet", "--gateway", "10.0.0.1")]
    [InlineData("no matching subnet for range 11.0.0.0/24", "--subnet", "10.0.0.0/8", "--ip-range", "11.0.0.0/24")]
    [InlineData("invalid CIDR address: x", "--subnet", "10.0.0.0/8", "--ip-range", "x")]
    [InlineData("no matching subnet for gateway 010.0.0.1", "--subnet", "10.0.0.0/8", "--gateway", "010.0.0.1")]
    [InlineData("multiple overlapping subnet configuration is not supported", "--subnet", "10.0.0.0/8", "--subnet", "10.1.0.0/16")]
    [InlineData("invalid subnet: invalid CIDR address: foo", "--subnet", "foo", "--gateway", "10.0.0.1")]
    [InlineData("cannot configure multiple ranges (10.0.1.0/24, 10.0.0.0/24) on the same subnet (10.0.0.0/8)", "--subnet", "10.0.0.0/8", "--subnet", "11.0.0.0/8", "--ip-range", "10.0.0.0/24", "--ip-range", "10.0.1.0/24")]
    [InlineData("cannot configure multiple gateways (10.0.0.2, 10.0.0.1) for the same subnet (10.0.0.0/8)", "--subnet", "10.0.0.0/8", "--subnet", "11.0.0.0/8", "--gateway", "10.0.0.1", "--gateway", "10.0.0.2")]
    [InlineData("no matching subnet for aux-address x", "--subnet", "10.0.0.0/8", "--aux-address", "a=x")]
    public async Task Ipam_flags_docker_refuses_are_refused_with_its_message(string expected, params string[] flags)
    {
        var (code, _, stderr) = await Run(["network", "create", .. flags, "n"]);
        Assert.Equal(1, code);
        Assert.Equal(expected + "\n", stderr);
    }

    [Fact]
    public void Ipam_config_pairs_ranges_gateways_and_aux_addresses_with_their_subnets()
    {
        var configs = IpamConfigBuilder.Build(["10.0.0.0/8", "11.1.0.0/16"], ["10.0.5.7/16"], ["11.1.0.1"], [new("h", "10.0.0.9")]);
        Assert.Equal(2, configs.Count);
        Assert.Equal(("10.0.0.0/8", "10.0.5.7/16", (string?)null), (configs[0].Subnet, configs[0].IPRange, configs[0].Gateway));
        Assert.Equal("10.0.0.9", configs[0].AuxiliaryAddresses!["h"]);
        Assert.Equal(("11.1.0.0/16", (string?)null, "11.1.0.1"), (configs[1].Subnet, configs[1].IPRange, configs[1].Gateway));
        Assert.Null(configs[1].AuxiliaryAddresses);
    }

    [Fact]
    public void A_subnet_alone_goes_as_typed() =>
        Assert.Equal("foo", Assert.Single(IpamConfigBuilder.Build(["foo"], [], [], [])).Subnet);

    [Fact]
    public void Flag_values_split_and_map_as_docker_reads_them()
    {
        Assert.Equal(["a", "b", "c"], KeyValues.Split(["a,b", "c"]));
        Assert.Equal(new Dictionary<string, string> { ["a"] = "b=c", ["d"] = "" }, KeyValues.Map(["a=b=c", "d"]));
    }

    [Theory]
    [InlineData("10.0.0.1", true)]
    [InlineData("10.0.0.01", false)]
    [InlineData("10.0.1", false)]
    [InlineData("256.0.0.1", false)]
    [InlineData("2001:db8::1", true)]
    [InlineData("fe80::1%eth0", false)]
    public void Addresses_parse_as_gos_net_ParseIP(string text, bool valid) => Assert.Equal(valid, IpText.ParseIp(text) is not null);

    [Fact]
    public void Cidr_containment()
    {
        var block = IpText.ParseCidr("10.5.0.1/16")!.Value;
        Assert.Equal("10.5.0.0", block.Network.ToString());
        Assert.True(IpText.Contains(block, IpText.ParseIp("10.5.255.255")!));
        Assert.False(IpText.Contains(block, IpText.ParseIp("10.6.0.0")!));
        Assert.Null(IpText.ParseCidr("10.0.0.0/33"));
        Assert.Null(IpText.ParseCidr("10.0.0.0"));
    }
}
