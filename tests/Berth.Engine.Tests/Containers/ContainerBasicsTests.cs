using Berth.Api.Models.Containers;
using Berth.Engine.Config;
using Berth.Engine.Containers;

namespace Berth.Engine.Tests.Containers;

public sealed class ContainerBasicsTests
{
    [Fact]
    public void Ids_are_64_lowercase_hex_and_differ()
    {
        var a = ContainerIds.New();
        Assert.Matches("^[0-9a-f]{64}$", a);
        Assert.NotEqual(a, ContainerIds.New());
        Assert.False(a[..12].All(char.IsAsciiDigit));
    }

    [Fact]
    public void Generated_names_are_adjective_underscore_surname_and_valid()
    {
        for (var i = 0; i < 50; i++)
        {
            var name = NameGenerator.Next();
            Assert.Matches("^[a-z]+_[a-z]+$", name);
            Assert.Equal(name, ContainerNames.Validate(name));
        }
    }

    [Theory]
    [InlineData("/web", "web")]
    [InlineData("a.b-c_d", "a.b-c_d")]
    public void Valid_names_lose_their_slash(string given, string stored) => Assert.Equal(stored, ContainerNames.Validate(given));

    [Theory]
    [InlineData("x")]
    [InlineData("-x")]
    [InlineData("a b")]
    [InlineData("a/b")]
    public void Invalid_names_get_Dockers_message(string name)
    {
        var e = Assert.Throws<ContainerException>(() => ContainerNames.Validate(name));
        Assert.Equal(400, e.Status);
        Assert.Equal($"Invalid container name ({name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed", e.Message);
    }

    [Fact]
    public void Log_rotation_is_on_by_default_and_daemon_json_can_change_it()
    {
        Assert.Equal(new LogSettings("json-file", 20L * 1024 * 1024, 5), LogSettings.Resolve(null, new DaemonOptions()));
        var daemon = new DaemonOptions { LogOpts = new() { ["max-size"] = "1m", ["max-file"] = "2" } };
        Assert.Equal(new LogSettings("json-file", 1024 * 1024, 2), LogSettings.Resolve(null, daemon));
        var own = new LogConfig { Type = "json-file", Config = new() { ["max-size"] = "10k" } };
        Assert.Equal(new LogSettings("json-file", 10 * 1024, 5), LogSettings.Resolve(own, daemon));
        Assert.Throws<ContainerException>(() => LogSettings.Resolve(new LogConfig { Type = "syslog" }, daemon));
        Assert.Throws<ContainerException>(() => LogSettings.Resolve(new LogConfig { Config = new() { ["max-size"] = "lots" } }, daemon));
    }

    [Fact]
    public void Resolv_conf_drops_localhost_nameservers_and_falls_back_to_public_ones()
    {
        var host = "nameserver 127.0.0.53\nsearch example.com\noptions edns0\n";
        Assert.Equal("nameserver 8.8.8.8\nnameserver 8.8.4.4\nnameserver 2001:4860:4860::8888\nnameserver 2001:4860:4860::8844\nsearch example.com\noptions edns0\n",
            ContainerFiles.ResolvConf(host, hostNetwork: false, null, null, null));
        Assert.Equal("nameserver 127.0.0.53\nsearch example.com\noptions edns0\n", ContainerFiles.ResolvConf(host, hostNetwork: true, null, null, null));
        Assert.Equal("nameserver 1.1.1.1\nsearch a.test\noptions edns0\n", ContainerFiles.ResolvConf("nameserver 10.0.0.2\n", false, ["1.1.1.1"], ["a.test"], ["edns0"]));
    }

    [Fact]
    public void On_a_user_network_resolv_conf_names_the_embedded_server_and_keeps_search_and_options()
    {
        Assert.Equal("nameserver 127.0.0.11\nsearch example.com\noptions edns0 ndots:0\n",
            ContainerFiles.EmbeddedResolvConf("nameserver 10.0.0.2\nsearch example.com\noptions edns0\n"));
        Assert.Equal("nameserver 127.0.0.11\noptions ndots:2\n", ContainerFiles.EmbeddedResolvConf("nameserver 10.0.0.2\noptions ndots:2\n"));
    }

    [Fact]
    public void Hosts_has_Dockers_localhost_table_and_extra_hosts()
    {
        var hosts = ContainerFiles.Hosts(null, ["db:10.0.0.5"]);
        Assert.StartsWith("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n", hosts);
        Assert.EndsWith("10.0.0.5\tdb\n", hosts);
        Assert.Throws<ContainerException>(() => ContainerFiles.Hosts(null, ["db:not-an-ip"]));
    }

    [Fact]
    public void Config_takes_the_images_defaults_where_the_request_is_silent()
    {
        var image = new Berth.Oci.Image.ContainerConfig { Cmd = ["sh"], Env = ["PATH=/bin", "A=1"], WorkingDir = "/w", Labels = new() { ["x"] = "1" } };
        var merged = ConfigMerger.Merge(new ContainerCreateRequest { Image = "busybox", Env = ["A=2", "B=3"], Labels = new() { ["y"] = "2" } }, image, new string('a', 64));
        Assert.Equal(["sh"], merged.Cmd!);
        Assert.Equal(["PATH=/bin", "A=2", "B=3"], merged.Env!);
        Assert.Equal("/w", merged.WorkingDir);
        Assert.Equal("aaaaaaaaaaaa", merged.Hostname);
        Assert.Equal(2, merged.Labels!.Count);

        // An entrypoint of the request replaces the image's Cmd too; --entrypoint "" clears it.
        var ep = ConfigMerger.Merge(new ContainerCreateRequest { Image = "busybox", Entrypoint = ["echo"] }, image, new string('a', 64));
        Assert.Null(ep.Cmd);
        var cleared = ConfigMerger.Merge(new ContainerCreateRequest { Image = "busybox", Entrypoint = [""], Cmd = ["ls"] }, image, new string('a', 64));
        Assert.Null(cleared.Entrypoint);
        Assert.Equal(["ls"], cleared.Cmd!);
    }
}
