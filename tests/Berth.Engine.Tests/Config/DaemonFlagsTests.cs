using Berth.Engine.Config;

namespace Berth.Engine.Tests.Config;

public class DaemonFlagsTests
{
    [Fact]
    public void Reads_dockerd_flag_names_in_all_their_spellings()
    {
        var r = DaemonFlags.Parse(["-H", "unix:///a.sock", "--host=unix:///b.sock", "--data-root", "/d", "--exec-root=/e", "-p", "/p.pid", "--log-level", "debug"]);

        Assert.Equal(["unix:///a.sock", "unix:///b.sock"], r.Options.Hosts);
        Assert.Equal("/d", r.Options.DataRoot);
        Assert.Equal("/e", r.Options.ExecRoot);
        Assert.Equal("/p.pid", r.Options.EffectivePidFile);
        Assert.Equal(LogLevel.Debug, r.Options.LogLevel);
        Assert.Equal("/d", r.SetFlags["data-root"]);
    }

    [Fact]
    public void Defaults_put_socket_and_pid_file_under_the_exec_root()
    {
        var r = DaemonFlags.Parse(["--exec-root", "/tmp/x"]);

        Assert.Equal(["unix:///tmp/x/berth.sock"], r.Options.EffectiveHosts);
        Assert.Equal("/tmp/x/berth.pid", r.Options.EffectivePidFile);
        Assert.Equal("/var/lib/berth", r.Options.DataRoot);
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("extra")]
    public void Refuses_unknown_flags_and_arguments_as_usage_errors(string arg)
    {
        var e = Assert.Throws<DaemonConfigException>(() => DaemonFlags.Parse([arg]));
        Assert.Equal(125, e.ExitCode);
    }

    [Fact]
    public void A_flag_without_its_value_is_an_error()
    {
        var e = Assert.Throws<DaemonConfigException>(() => DaemonFlags.Parse(["--data-root"]));
        Assert.Contains("flag needs an argument: --data-root", e.Message);
    }

    [Fact]
    public void An_unknown_log_level_is_named()
    {
        var e = Assert.Throws<DaemonConfigException>(() => DaemonFlags.Parse(["--log-level", "loud"]));
        Assert.Equal("unable to parse logging level: loud", e.Message);
    }
}
