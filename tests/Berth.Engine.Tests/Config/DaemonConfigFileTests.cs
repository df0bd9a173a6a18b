using Berth.Engine.Config;

namespace Berth.Engine.Tests.Config;

public class DaemonConfigFileTests
{
    private static readonly Dictionary<string, string> NoFlags = [];

    [Fact]
    public void Applies_the_keys_it_uses()
    {
        var o = new DaemonOptions();
        DaemonConfigFile.ApplyText(o, NoFlags, """{"data-root":"/srv/berth","exec-root":"/run/b2","hosts":["unix:///run/b2/s.sock"],"debug":true,"log-level":"warn"}""");

        Assert.Equal("/srv/berth", o.DataRoot);
        Assert.Equal("/run/b2", o.ExecRoot);
        Assert.Equal(["unix:///run/b2/s.sock"], o.Hosts);
        Assert.True(o.Debug);
        Assert.Equal(LogLevel.Warn, o.LogLevel);
    }

    [Fact]
    public void Accepts_keys_of_features_that_come_later()
    {
        var o = new DaemonOptions();
        DaemonConfigFile.ApplyText(o, NoFlags, """
            {"bridge":"br0","bip":"172.30.0.1/16","default-address-pools":[{"base":"10.10.0.0/16","size":24}],
             "log-driver":"json-file","log-opts":{"max-size":"10m"},"storage-driver":"overlay2",
             "default-ulimits":{"nofile":{"Name":"nofile","Hard":64000,"Soft":64000}},"live-restore":true,
             "max-concurrent-downloads":3,"registry-mirrors":["https://m.example"],"insecure-registries":["r.local:5000"]}
            """);

        Assert.True(o.LiveRestore);
        Assert.Equal(["https://m.example"], o.RegistryMirrors);
        Assert.Equal(["r.local:5000"], o.InsecureRegistries);
    }

    [Fact]
    public void Names_every_unknown_key()
    {
        var e = Assert.Throws<DaemonConfigException>(() =>
            DaemonConfigFile.ApplyText(new DaemonOptions(), NoFlags, """{"debug":true,"no-such-key":1,"bridg":"x"}"""));

        Assert.Equal("the following directives don't match any configuration option: no-such-key, bridg", e.Message);
    }

    [Fact]
    public void Refuses_a_setting_given_both_as_flag_and_in_the_file()
    {
        var flags = DaemonFlags.Parse(["--data-root", "/a"]);

        var e = Assert.Throws<DaemonConfigException>(() =>
            DaemonConfigFile.ApplyText(flags.Options, flags.SetFlags, """{"data-root":"/b"}"""));

        Assert.Equal("the following directives are specified both as a flag and in the configuration file: data-root: (from flag: /a, from file: /b)", e.Message);
    }

    [Theory]
    [InlineData("""{"data-root": 5}""", "data-root")]
    [InlineData("""{"hosts": "unix:///x"}""", "hosts")]
    [InlineData("""{"debug": "yes"}""", "debug")]
    public void Refuses_values_of_the_wrong_type(string json, string key)
    {
        var e = Assert.Throws<DaemonConfigException>(() => DaemonConfigFile.ApplyText(new DaemonOptions(), NoFlags, json));
        Assert.Contains($"\"{key}\"", e.Message);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("[]")]
    public void Refuses_malformed_files(string json)
    {
        Assert.Throws<DaemonConfigException>(() => DaemonConfigFile.ApplyText(new DaemonOptions(), NoFlags, json));
    }

    [Fact]
    public void A_named_file_that_does_not_exist_is_an_error_naming_it()
    {
        var o = new DaemonOptions { ConfigFile = "/nonexistent/berth/daemon.json" };
        var e = Assert.Throws<DaemonConfigException>(() => DaemonConfigFile.Apply(o, NoFlags));
        Assert.StartsWith("unable to configure the daemon with file /nonexistent/berth/daemon.json: ", e.Message);
    }
}
