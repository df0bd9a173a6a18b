using Berth.Engine.Config;

namespace Berth.Engine.Tests.Config;

public sealed class DaemonNetworkOptionsTests
{
    private static readonly Dictionary<string, string> NoFlags = [];

    [Fact]
    public void Bridge_bip_mtu_and_address_pools_come_from_daemon_json()
    {
        var o = new DaemonOptions();
        DaemonConfigFile.ApplyText(o, NoFlags, """
            {"bridge":"br-test","bip":"10.200.0.1/24","mtu":1400,
             "default-address-pools":[{"base":"10.201.0.0/16","size":24},{"base":"10.202.0.0/16","size":20}]}
            """);
        Assert.Equal("br-test", o.Bridge);
        Assert.Equal("10.200.0.1/24", o.Bip);
        Assert.Equal(1400, o.Mtu);
        Assert.Equal([("10.201.0.0/16", 24), ("10.202.0.0/16", 20)], o.DefaultAddressPools);
    }

    [Fact]
    public void The_defaults_are_berth0_and_no_fixed_subnet()
    {
        var o = new DaemonOptions();
        Assert.Equal("berth0", o.Bridge);
        Assert.Null(o.Bip);
        Assert.Empty(o.DefaultAddressPools);
    }

    [Theory]
    [InlineData("""{"default-address-pools":[{"base":"10.201.0.0/16"}]}""", "each pool needs \"base\" and \"size\"")]
    [InlineData("""{"default-address-pools":{"base":"x"}}""", "expected an array")]
    [InlineData("""{"mtu":20}""", "invalid MTU 20")]
    [InlineData("""{"bridge":""}""", "expected a non-empty string")]
    public void Bad_network_settings_are_one_clear_error(string json, string message)
    {
        var e = Assert.Throws<DaemonConfigException>(() => DaemonConfigFile.ApplyText(new DaemonOptions(), NoFlags, json));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Bridge_and_bip_are_flags_too()
    {
        var r = DaemonFlags.Parse(["-b", "br0", "--bip", "10.9.0.1/16", "--mtu", "9000"]);
        Assert.Equal(("br0", "10.9.0.1/16", 9000), (r.Options.Bridge, r.Options.Bip, r.Options.Mtu));
        Assert.Equal("br0", r.SetFlags["bridge"]);
    }
}
