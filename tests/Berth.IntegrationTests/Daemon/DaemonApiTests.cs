using Berth.IntegrationTests.Infrastructure;

namespace Berth.IntegrationTests.Daemon;

// The docker CLI and berth's own CLI against one daemon started for this class.
public sealed class DaemonApiTests(DaemonApiTests.Daemon daemon) : IClassFixture<DaemonApiTests.Daemon>
{
    public sealed class Daemon : IDisposable
    {
        public DaemonProcess Process { get; } = new();
        public void Dispose() => Process.Dispose();
    }

    private DaemonProcess D => daemon.Process;

    [SkippableFact]
    public void Docker_version_shows_berth_as_the_server_at_api_1_50()
    {
        var r = D.Client(DockerCli.Require(), "version").EnsureSuccess();

        Assert.Contains("Server: Berth Engine", r.Stdout);
        Assert.Matches(@"Engine:\s+Version:\s+\d+\.\d+\.\d+", r.Stdout);
        Assert.Contains("API version:      1.50 (minimum version 1.24)", r.Stdout);
    }

    [SkippableFact]
    public void Docker_info_succeeds_and_shows_the_server()
    {
        var r = D.Client(DockerCli.Require(), "info").EnsureSuccess();

        Assert.Contains("Server Version: ", r.Stdout);
        Assert.Contains($"Docker Root Dir: {D.DataRoot}", r.Stdout);
        Assert.Contains("Storage Driver: overlay2", r.Stdout);
        Assert.Contains("Images: 0", r.Stdout);
    }

    [SkippableFact]
    public void Docker_events_with_until_returns()
    {
        var r = D.Client(DockerCli.Require(), "system", "events", "--since", "10m", "--until", "1s").EnsureSuccess();
        Assert.Equal("", r.Stdout);
    }

    [SkippableFact]
    public void Docker_info_with_a_format_reads_the_json_fields()
    {
        var r = D.Client(DockerCli.Require(), "info", "--format", "{{.OSType}} {{.Driver}} {{.DockerRootDir}}").EnsureSuccess();
        Assert.Equal($"linux overlay2 {D.DataRoot}", r.Stdout.Trim());
    }

    [Fact]
    public void Berth_version_and_info_talk_to_the_daemon_named_by_host()
    {
        var version = D.Client(RepoPaths.BerthBinary, "-H", D.Host, "version").EnsureSuccess();
        var info = D.Client(RepoPaths.BerthBinary, "-H", D.Host, "info").EnsureSuccess();

        Assert.Contains("Server: Berth Engine", version.Stdout);
        Assert.Contains("API version:      1.50 (minimum version 1.24)", version.Stdout);
        Assert.Contains($"Docker Root Dir: {D.DataRoot}", info.Stdout);
        Assert.Equal("", info.Stderr);
    }

    // Scripts ask for one field, as of docker: `version -f '{{.Server.Version}}'`, `info -f '{{.ServerVersion}}'`.
    [Fact]
    public void Berth_version_and_info_with_a_format_print_the_fields_asked_for()
    {
        var version = D.Client(RepoPaths.BerthBinary, "-H", D.Host, "version", "--format", "{{.Server.ApiVersion}} {{.Client.ApiVersion}} {{.Client.Os}}").EnsureSuccess();
        var info = D.Client(RepoPaths.BerthBinary, "-H", D.Host, "info", "-f", "{{.Driver}} {{.DockerRootDir}}").EnsureSuccess();
        var server = D.Client(RepoPaths.BerthBinary, "-H", D.Host, "version", "-f", "{{.Server.Version}}").EnsureSuccess();

        Assert.Equal("1.50 1.50 linux", version.Stdout.Trim());
        Assert.Equal($"overlay2 {D.DataRoot}", info.Stdout.Trim());
        Assert.Equal(D.Client(RepoPaths.BerthBinary, "-H", D.Host, "info", "-f", "{{.ServerVersion}}").EnsureSuccess().Stdout, server.Stdout);
        Assert.Matches(@"^\d+\.\d+\.\d+\n$", server.Stdout);
    }

    [Fact]
    public void Berth_events_with_until_returns()
    {
        var r = D.Client(RepoPaths.BerthBinary, "-H", D.Host, "events", "--since", "1m", "--until", "0s", "--format", "json").EnsureSuccess();
        Assert.Equal("", r.Stdout);
    }

    [Fact]
    public void Ping_sends_dockers_headers()
    {
        var r = D.Get("/v1.50/_ping");

        Assert.StartsWith("HTTP/1.1 200 OK", r);
        Assert.Contains("Api-Version: 1.50", r);
        Assert.Contains("Docker-Experimental: false", r);
        Assert.Contains("Ostype: linux", r);
        Assert.Contains("Cache-Control: no-cache, no-store, must-revalidate", r);
        Assert.Contains("Pragma: no-cache", r);
        Assert.EndsWith("\r\n\r\nOK", r);
    }

    [Fact]
    public void Head_ping_answers_with_headers_and_no_body()
    {
        var r = D.Raw("HEAD /_ping HTTP/1.1\r\nHost: berth\r\nConnection: close\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 200 OK", r);
        Assert.Contains("Api-Version: 1.50", r);
        Assert.EndsWith("\r\n\r\n", r);
    }

    [Theory]
    [InlineData("/v1.51/version", "400 Bad Request", "client version 1.51 is too new. Maximum supported API version is 1.50")]
    [InlineData("/v1.23/version", "400 Bad Request", "client version 1.23 is too old. Minimum supported API version is 1.24, please upgrade your client to a newer version")]
    [InlineData("/v1.50/no/such/route", "404 Not Found", "page not found")]
    [InlineData("/events?filters=%7B%22colour%22%3A%5B%22red%22%5D%7D", "400 Bad Request", "invalid filter 'colour'")]
    public void Errors_are_dockers_status_and_message(string path, string status, string message)
    {
        var r = D.Get(path);
        Assert.StartsWith("HTTP/1.1 " + status, r);
        Assert.EndsWith($"{{\"message\":\"{message}\"}}\n", r);
    }

    [Fact]
    public void The_socket_is_only_for_owner_and_group()
    {
        var mode = File.GetUnixFileMode(D.Socket);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite, mode);
    }
}
