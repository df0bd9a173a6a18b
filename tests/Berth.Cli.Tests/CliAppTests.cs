using Berth.Cli.Support;

namespace Berth.Cli.Tests;

public class CliAppTests
{
    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, stdout, stderr, _ => null, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Version_flag_prints_one_line()
    {
        var (code, stdout, _) = await Run("--version");
        Assert.Equal(0, code);
        Assert.StartsWith("Berth version ", stdout);
    }

    [Fact]
    public async Task An_unknown_command_is_reported_as_docker_28_does()
    {
        var (code, _, stderr) = await Run("frobnicate");
        Assert.Equal(1, code);
        Assert.Equal("berth: unknown command: berth frobnicate\n\nRun 'berth --help' for more information\n", stderr.Replace("\r", ""));
        (code, _, stderr) = await Run("image", "frobnicate");
        Assert.Equal(1, code);
        Assert.StartsWith("berth: unknown command: berth image frobnicate\n\nUsage:  berth image\n", stderr.Replace("\r", ""));
    }

    // Every command answers --help from its own flags, before it needs a daemon (none answers at this -H).
    [Theory]
    [InlineData("version")] [InlineData("info")] [InlineData("events")] [InlineData("images")] [InlineData("tag")]
    [InlineData("rmi")] [InlineData("history")] [InlineData("load")] [InlineData("save")] [InlineData("import")]
    [InlineData("run")] [InlineData("create")] [InlineData("start")] [InlineData("stop")] [InlineData("restart")]
    [InlineData("kill")] [InlineData("pause")] [InlineData("unpause")] [InlineData("rm")] [InlineData("wait")]
    [InlineData("rename")] [InlineData("ps")] [InlineData("logs")] [InlineData("exec")] [InlineData("attach")]
    [InlineData("inspect")] [InlineData("top")] [InlineData("port")] [InlineData("stats")] [InlineData("update")]
    [InlineData("diff")] [InlineData("export")] [InlineData("commit")] [InlineData("cp")]
    [InlineData("image", "ls")] [InlineData("image", "prune")] [InlineData("container", "prune")] [InlineData("container", "ls")]
    [InlineData("volume", "create")] [InlineData("volume", "ls")] [InlineData("volume", "inspect")] [InlineData("volume", "rm")]
    [InlineData("volume", "prune")] [InlineData("network", "create")] [InlineData("network", "ls")] [InlineData("network", "inspect")]
    [InlineData("network", "rm")] [InlineData("network", "prune")] [InlineData("network", "connect")] [InlineData("network", "disconnect")]
    [InlineData("system", "df")] [InlineData("system", "check")] [InlineData("system", "events")]
    public async Task Help_shows_the_commands_own_usage(params string[] command)
    {
        var (code, stdout, stderr) = await Run(["-H", "unix:///nonexistent/berth.sock", .. command, "--help"]);
        Assert.Equal("", stderr);
        Assert.Equal(0, code);
        Assert.StartsWith($"\nUsage:  berth {string.Join(' ', command)} [OPTIONS]\n", stdout.Replace("\r", ""));
        Assert.Contains("--help", stdout);
    }

    // As docker's: what follows the image is the container's command line, --help and -h included.
    [Fact]
    public async Task Help_after_the_image_is_not_berths()
    {
        var (code, stdout, stderr) = await Run("-H", "unix:///nonexistent/berth.sock", "run", "--rm", "busybox", "ls", "--help");
        Assert.NotEqual(0, code);
        Assert.DoesNotContain("Usage:", stdout);
        Assert.Contains("/nonexistent/berth.sock", stderr);
    }

    [Fact]
    public async Task Run_keeps_h_for_the_hostname()
    {
        var (code, stdout, _) = await Run("run", "--help");
        Assert.Equal(0, code);
        Assert.Contains("  -h, --hostname string\n", stdout.Replace("\r", ""));
        Assert.Contains("      --help\n", stdout.Replace("\r", ""));
    }

    [Fact]
    public async Task A_group_alone_lists_its_commands()
    {
        var (code, stdout, _) = await Run("volume");
        Assert.Equal(0, code);
        Assert.Contains("Usage:  berth volume COMMAND\n\nCommands:\n  create\n  inspect\n  list\n  ls\n", stdout.Replace("\r", ""));
    }

    [Theory]
    [InlineData("--no-such-flag", "info")]
    [InlineData("events", "--filter")]
    [InlineData("events", "--filter", "nokey")]
    [InlineData("-H", "tcp://1.2.3.4:2375", "info")]
    public async Task Usage_errors_exit_125_with_one_line(params string[] args)
    {
        var (code, _, stderr) = await Run(args);
        Assert.Equal(125, code);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("berth: ", stderr);
    }

    [Fact]
    public async Task An_explicit_host_with_no_daemon_exits_1_without_starting_one()
    {
        var socket = $"/tmp/berth-cli-{Guid.NewGuid():N}.sock";
        var (code, _, stderr) = await Run("-H", "unix://" + socket, "info");
        Assert.Equal(1, code);
        Assert.Equal($"Cannot connect to the Berth daemon at unix://{socket}. Is the daemon running?\n", stderr.Replace("\r", ""));
    }

    [Fact]
    public void Host_flag_wins_over_BERTH_HOST_which_wins_over_the_default()
    {
        Func<string, string?> env = n => n == "BERTH_HOST" ? "unix:///env.sock" : null;

        Assert.Equal(("/flag.sock", false), Pick(DaemonConnector.Resolve("unix:///flag.sock", env)));
        Assert.Equal(("/env.sock", false), Pick(DaemonConnector.Resolve(null, env)));
        Assert.Equal(("/run/berth/berth.sock", true), Pick(DaemonConnector.Resolve(null, _ => null)));
        // Only BERTH_HOST counts: DOCKER_HOST belongs to docker.
        Assert.Equal(("/run/berth/berth.sock", true), Pick(DaemonConnector.Resolve(null, n => n == "DOCKER_HOST" ? "unix:///d.sock" : null)));

        static (string, bool) Pick((Berth.Client.DaemonAddress A, bool D) r) => (r.A.SocketPath, r.D);
    }
}
