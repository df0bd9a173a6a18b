using System.Net.Sockets;
using System.Text;
using Berth.Api.Models;

namespace Berth.Client.Tests;

public class ClientTests
{
    [Theory]
    [InlineData("1.50", 1, 50)]
    [InlineData("1.60", 1, 50)]
    [InlineData("1.41", 1, 41)]
    public void Negotiation_picks_the_older_of_both_versions(string server, int major, int minor)
    {
        ApiVersion.TryParse(server, out var s);
        Assert.Equal(new ApiVersion(major, minor), BerthClient.Negotiate(s));
    }

    [Fact]
    public void A_daemon_that_names_no_version_is_spoken_to_at_the_oldest() =>
        Assert.Equal(ApiVersion.Min, BerthClient.Negotiate(null));

    [Fact]
    public void Errors_carry_the_daemons_message_and_status()
    {
        var e = ErrorMapping.FromBody(404, """{"message":"No such container: web"}""");
        Assert.Equal(404, e.Status);
        Assert.Equal("No such container: web", e.Message);
    }

    [Theory]
    [InlineData("upstream proxy exploded", "upstream proxy exploded")]
    [InlineData("", "the daemon answered 502 with no message")]
    public void Errors_without_a_json_body_still_say_something(string body, string message) =>
        Assert.Equal(message, ErrorMapping.FromBody(502, body).Message);

    [Theory]
    [InlineData("unix:///run/berth/berth.sock", "/run/berth/berth.sock")]
    [InlineData("unix:///tmp/x.sock", "/tmp/x.sock")]
    public void Unix_hosts_name_their_socket(string host, string path) => Assert.Equal(path, DaemonAddress.Parse(host).SocketPath);

    [Theory]
    [InlineData("tcp://127.0.0.1:2375")]
    [InlineData("unix://relative.sock")]
    [InlineData("/run/berth/berth.sock")]
    public void Other_hosts_are_refused_with_a_reason(string host) => Assert.Throws<ArgumentException>(() => DaemonAddress.Parse(host));

    [Fact]
    public void Filters_are_sent_in_dockers_map_form() =>
        Assert.Equal("""{"type":{"container":true},"event":{"start":true,"die":true}}""",
            BerthClient.EncodeFilters(new Dictionary<string, List<string>> { ["type"] = ["container"], ["event"] = ["start", "die"] }));

    [Fact]
    public async Task Nothing_at_the_socket_is_daemon_unreachable()
    {
        using var client = new BerthClient(DaemonAddress.Parse($"unix:///tmp/berth-test-{Guid.NewGuid():N}.sock"));
        var e = await Assert.ThrowsAsync<DaemonUnreachableException>(() => client.PingAsync());
        Assert.StartsWith("Cannot connect to the Berth daemon at unix:///tmp/berth-test-", e.Message);
    }

    [Fact]
    public async Task A_refused_request_becomes_a_client_exception_with_the_daemons_words()
    {
        var path = Path.Combine(Path.GetTempPath(), $"berth-client-{Guid.NewGuid():N}.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen();
        try
        {
            var server = Serve(listener,
                "HTTP/1.1 200 OK\r\nApi-Version: 1.43\r\nContent-Length: 2\r\n\r\nOK",
                "HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\nContent-Length: 23\r\n\r\n{\"message\":\"disk full\"}");
            using var client = new BerthClient(DaemonAddress.Parse("unix://" + path));

            var version = await client.NegotiateAsync();
            var e = await Assert.ThrowsAsync<ClientException>(() => client.GetInfoAsync());

            Assert.Equal(new ApiVersion(1, 43), version);
            Assert.Equal(500, e.Status);
            Assert.Equal("disk full", e.Message);
            Assert.Contains("GET /v1.43/info ", await server);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task At_an_assumed_version_a_daemon_that_finds_it_too_new_is_asked_its_version_and_the_request_sent_again()
    {
        var path = Path.Combine(Path.GetTempPath(), $"berth-client-{Guid.NewGuid():N}.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen();
        try
        {
            const string tooNew = "{\"message\":\"client version 1.50 is too new. Maximum supported API version is 1.43\"}";
            var server = Serve(listener,
                $"HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: {tooNew.Length}\r\n\r\n{tooNew}",
                "HTTP/1.1 200 OK\r\nApi-Version: 1.43\r\nContent-Length: 2\r\n\r\nOK",
                "HTTP/1.1 204 No Content\r\n\r\n");
            using var client = new BerthClient(DaemonAddress.Parse("unix://" + path));
            client.AssumeLatestVersion();

            await client.StartContainerAsync("web");

            Assert.Equal(new ApiVersion(1, 43), client.Version);
            var requests = await server;
            Assert.Contains($"POST /v{ApiVersion.Max}/containers/web/start ", requests);
            Assert.Contains("GET /_ping ", requests);
            Assert.Contains("POST /v1.43/containers/web/start ", requests);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task At_an_assumed_version_other_refusals_are_not_retried()
    {
        var path = Path.Combine(Path.GetTempPath(), $"berth-client-{Guid.NewGuid():N}.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen();
        try
        {
            const string missing = "{\"message\":\"No such container: web\"}";
            var server = Serve(listener, $"HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: {missing.Length}\r\n\r\n{missing}");
            using var client = new BerthClient(DaemonAddress.Parse("unix://" + path));
            client.AssumeLatestVersion();

            var e = await Assert.ThrowsAsync<ClientException>(() => client.StartContainerAsync("web"));

            Assert.Equal(404, e.Status);
            Assert.DoesNotContain("_ping", await server);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(400, "client version 1.50 is too new. Maximum supported API version is 1.43", true)]
    [InlineData(400, "invalid filter", false)]
    [InlineData(404, "client version 1.50 is too new. Maximum supported API version is 1.43", false)]
    public void Only_a_too_new_refusal_asks_for_negotiation(int status, string message, bool retried) =>
        Assert.Equal(retried, BerthClient.IsVersionTooNew(new ClientException(status, message)));

    // Answers one request per connection (or per request on a kept-alive connection) with the given responses.
    private static async Task<string> Serve(Socket listener, params string[] responses)
    {
        var requests = new StringBuilder();
        var index = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (index < responses.Length)
        {
            using var connection = await listener.AcceptAsync(timeout.Token);
            var buffer = new byte[8192];
            while (index < responses.Length)
            {
                var n = await connection.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
                if (n == 0) break;
                requests.Append(Encoding.ASCII.GetString(buffer, 0, n));
                var response = responses[index++];
                await connection.SendAsync(Encoding.ASCII.GetBytes(response), SocketFlags.None, timeout.Token);
            }
        }
        return requests.ToString();
    }
}
