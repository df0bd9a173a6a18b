using Berth.IntegrationTests.Infrastructure;

namespace Berth.IntegrationTests.Daemon;

// Settings the daemon refuses, and daemons side by side.
public sealed class DaemonStartupTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("berth-daemon-cfg-").FullName;

    private CommandResult RunDaemon(string configJson, params string[] extra)
    {
        var config = Path.Combine(_dir, "daemon.json");
        File.WriteAllText(config, configJson);
        return Command.Run(_dir, RepoPaths.BerthBinary,
            ["daemon", "--data-root", Path.Combine(_dir, "data"), "--exec-root", Path.Combine(_dir, "exec"),
             "-H", "unix://" + Path.Combine(_dir, "berth.sock"), "--config-file", config, .. extra],
            timeout: TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void An_unknown_key_in_daemon_json_is_one_line_and_a_non_zero_exit()
    {
        var r = RunDaemon("""{"debug": true, "no-such-option": 1}""");

        Assert.NotEqual(0, r.ExitCode);
        Assert.Single(r.StderrLines);
        Assert.Contains("the following directives don't match any configuration option: no-such-option", r.Stderr);
        Assert.False(File.Exists(Path.Combine(_dir, "berth.sock")));
    }

    [Fact]
    public void A_setting_both_as_flag_and_in_daemon_json_is_refused()
    {
        var r = RunDaemon("""{"log-level": "debug"}""", "--log-level", "warn");

        Assert.NotEqual(0, r.ExitCode);
        Assert.Single(r.StderrLines);
        Assert.Contains("specified both as a flag and in the configuration file: log-level", r.Stderr);
    }

    [Fact]
    public void Two_daemons_with_their_own_roots_run_side_by_side()
    {
        using var a = new DaemonProcess();
        using var b = new DaemonProcess();

        var infoA = a.Client(RepoPaths.BerthBinary, "-H", a.Host, "info").EnsureSuccess();
        var infoB = b.Client(RepoPaths.BerthBinary, "-H", b.Host, "info").EnsureSuccess();

        Assert.Contains($"Docker Root Dir: {a.DataRoot}", infoA.Stdout);
        Assert.Contains($"Docker Root Dir: {b.DataRoot}", infoB.Stdout);
        Assert.NotEqual(Id(infoA.Stdout), Id(infoB.Stdout));
    }

    [Fact]
    public void A_second_daemon_on_a_socket_in_use_is_refused_and_leaves_the_first_running()
    {
        using var first = new DaemonProcess();

        var second = Command.Run(_dir, RepoPaths.BerthBinary,
            ["daemon", "--data-root", Path.Combine(_dir, "data2"), "--exec-root", Path.Combine(_dir, "exec2"), "-H", first.Host,
             "--config-file", WriteConfig("{}")],
            timeout: TimeSpan.FromSeconds(30));

        Assert.NotEqual(0, second.ExitCode);
        Assert.Contains($"another daemon is already listening on {first.Host}", second.Stderr);
        first.Client(RepoPaths.BerthBinary, "-H", first.Host, "version").EnsureSuccess();
    }

    private string WriteConfig(string json)
    {
        var path = Path.Combine(_dir, $"daemon-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static string Id(string info) =>
        info.Split('\n').Single(l => l.StartsWith(" ID: ", StringComparison.Ordinal)).Trim();

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
