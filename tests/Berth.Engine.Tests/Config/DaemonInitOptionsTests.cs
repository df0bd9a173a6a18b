using Berth.Engine.Config;

namespace Berth.Engine.Tests.Config;

public sealed class DaemonInitOptionsTests
{
    [Fact]
    public void Daemon_json_init_and_init_path_set_the_default_init()
    {
        var o = new DaemonOptions();
        DaemonConfigFile.ApplyText(o, new Dictionary<string, string>(), """{"init":true,"init-path":"/opt/tini"}""");
        Assert.True(o.Init);
        Assert.Equal("/opt/tini", o.InitPath);
    }

    [Fact]
    public void The_flags_set_them_too_and_conflict_with_the_file()
    {
        var r = DaemonFlags.Parse(["--init", "--init-path", "/opt/tini"]);
        Assert.True(r.Options.Init);
        Assert.Equal("/opt/tini", r.Options.InitPath);
        Assert.Throws<DaemonConfigException>(() => DaemonConfigFile.ApplyText(r.Options, r.SetFlags, """{"init":false}"""));
    }

    [Fact]
    public void Init_must_be_a_boolean()
    {
        var e = Assert.Throws<DaemonConfigException>(() => DaemonConfigFile.ApplyText(new DaemonOptions(), new Dictionary<string, string>(), """{"init":"yes"}"""));
        Assert.Equal("invalid value for \"init\": expected true or false, got yes", e.Message);
    }
}
