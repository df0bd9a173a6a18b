using Berth.Runtime.Shim;

namespace Berth.Runtime.Tests.Shim;

public sealed class ShimOptionsTests
{
    private static readonly ShimOptions Full = new()
    {
        Id = "c1",
        Bundle = "/b",
        RuntimeRoot = "/r",
        SocketPath = "/s.sock",
        ExitFilePath = "/exit.json",
        LogPath = "/log.json",
        LogMaxSize = 1024,
        LogMaxFile = 3,
        Tty = true,
        Stdin = true,
        StdinOnce = true,
        Runtime = "/usr/bin/runc",
        StderrPath = "/shim.log",
        CgroupsPath = "/parent/c1",
        Start = true,
        HeldAttaches = 2,
    };

    [Fact]
    public void A_standby_job_parses_back_to_the_same_options_less_the_binary()
    {
        Assert.Equal(Full, ShimOptions.Parse(Full.StandbyArguments()));
    }

    [Fact]
    public void Without_a_cgroups_path_none_is_passed()
    {
        var options = Full with { CgroupsPath = null };
        Assert.DoesNotContain("--cgroups-path", options.ToArguments());
        Assert.Null(ShimOptions.Parse(options.StandbyArguments()).CgroupsPath);
    }

    [Fact]
    public void A_flag_without_its_value_is_refused()
    {
        var e = Assert.Throws<RuntimeException>(() => ShimOptions.Parse(["--id", "c1", "--cgroups-path"]));
        Assert.Equal("flag needs an argument: --cgroups-path", e.Message);
    }

    [Fact]
    public void A_start_left_to_the_daemon_passes_neither_start_nor_held_attaches()
    {
        var args = (Full with { Start = false, HeldAttaches = 0 }).ToArguments();
        Assert.DoesNotContain("--start", args);
        Assert.DoesNotContain("--held-attaches", args);
    }

    [Fact]
    public void A_negative_held_attach_count_is_refused()
    {
        var e = Assert.Throws<RuntimeException>(() => ShimOptions.Parse([.. Full.StandbyArguments(), "--held-attaches", "-1"]));
        Assert.Equal("invalid --held-attaches \"-1\"", e.Message);
    }
}
