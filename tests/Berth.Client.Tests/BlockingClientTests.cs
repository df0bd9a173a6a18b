using System.Net.Sockets;
using System.Text;
using Berth.Api.Models;
using Berth.Api.Models.Containers;

namespace Berth.Client.Tests;

public class BlockingClientTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"berth-blocking-{Guid.NewGuid():N}.sock");
    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);

    public BlockingClientTests()
    {
        _listener.Bind(new UnixDomainSocketEndPoint(_path));
        _listener.Listen();
    }

    private BlockingClient Client() => new(DaemonAddress.Parse("unix://" + _path));

    [Fact]
    public async Task Create_at_an_assumed_version_that_is_too_new_negotiates_and_sends_again()
    {
        const string tooNew = "{\"message\":\"client version 1.50 is too new. Maximum supported API version is 1.43\"}";
        const string created = "{\"Id\":\"abc\",\"Warnings\":[\"careful\"]}";
        var server = Task.Run(() => Serve(
            $"HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: {tooNew.Length}\r\n\r\n{tooNew}",
            "HTTP/1.1 200 OK\r\nApi-Version: 1.43\r\nContent-Length: 2\r\n\r\nOK",
            $"HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: {created.Length}\r\n\r\n{created}"));
        var client = Client();
        client.AssumeLatestVersion();

        var response = client.CreateContainer(new ContainerCreateRequest { Image = "busybox" }, "web", null);

        Assert.Equal("abc", response.Id);
        Assert.Equal(["careful"], response.Warnings);
        Assert.Equal(new ApiVersion(1, 43), client.Version);
        var requests = await server;
        Assert.StartsWith($"POST /v{ApiVersion.Max}/containers/create?name=web HTTP/1.1\r\n", requests[0]);
        Assert.Contains("\"Image\":\"busybox\"", requests[0]);
        Assert.StartsWith("GET /_ping HTTP/1.1\r\n", requests[1]);
        Assert.StartsWith("POST /v1.43/containers/create?name=web HTTP/1.1\r\n", requests[2]);
    }

    [Fact]
    public async Task Other_refusals_are_the_daemons_error_without_a_retry()
    {
        const string missing = "{\"message\":\"No such container: web\"}";
        var server = Task.Run(() => Serve($"HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: {missing.Length}\r\n\r\n{missing}"));
        var client = Client();
        client.AssumeLatestVersion();

        var e = Assert.Throws<ClientException>(() => client.StartContainer("web"));

        Assert.Equal(404, e.Status);
        Assert.Equal("No such container: web", e.Message);
        Assert.Single(await server);
    }

    [Fact]
    public async Task A_wait_returns_once_its_head_is_in_and_finishes_with_the_chunked_exit()
    {
        var release = new TaskCompletionSource();
        var server = Task.Run(async () =>
        {
            using var connection = _listener.Accept();
            var request = ReadRequest(connection);
            connection.Send("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"u8);
            await release.Task;
            connection.Send("12\r\n{\"StatusCode\":42}\n\r\n0\r\n\r\n"u8);
            return request;
        });
        var client = Client();
        client.AssumeLatestVersion();

        using var wait = client.BeginWait("c1", "next-exit");
        // Only now is the exit sent: BeginWait must not have waited for it.
        release.SetResult();
        var result = wait.Finish();

        Assert.Equal(42, result.StatusCode);
        Assert.StartsWith($"POST /v{ApiVersion.Max}/containers/c1/wait?condition=next-exit HTTP/1.1\r\n", await server);
    }

    [Fact]
    public async Task Without_a_version_the_first_call_asks_for_one()
    {
        var server = Task.Run(() => Serve("HTTP/1.1 200 OK\r\nApi-Version: 1.44\r\nContent-Length: 2\r\n\r\nOK", "HTTP/1.1 204 No Content\r\n\r\n"));
        var client = Client();

        client.KillContainer("c1", "SIGTERM");

        Assert.Equal(new ApiVersion(1, 44), client.Version);
        Assert.StartsWith("POST /v1.44/containers/c1/kill?signal=SIGTERM HTTP/1.1\r\n", (await server)[1]);
    }

    [Fact]
    public void Nothing_at_the_socket_is_daemon_unreachable()
    {
        var client = new BlockingClient(DaemonAddress.Parse($"unix:///tmp/berth-test-{Guid.NewGuid():N}.sock"));
        client.AssumeLatestVersion();
        var e = Assert.Throws<DaemonUnreachableException>(() => client.StartContainer("c1"));
        Assert.StartsWith("Cannot connect to the Berth daemon at unix:///tmp/berth-test-", e.Message);
    }

    [Fact]
    public async Task A_cancellation_ends_a_call_blocked_on_the_answer()
    {
        using var cancel = new CancellationTokenSource();
        var server = Task.Run(() =>
        {
            using var connection = _listener.Accept();
            ReadRequest(connection);
            // The request is in and will never be answered: cancelling must unblock the client.
            cancel.Cancel();
            connection.Receive(new byte[1]);
        });
        var client = Client();
        client.AssumeLatestVersion();

        Assert.Throws<OperationCanceledException>(() => client.StartContainer("c1", cancel.Token));
        await server;
    }

    // Answers one request per connection with the given responses, in order; returns the requests.
    private List<string> Serve(params string[] responses)
    {
        var requests = new List<string>();
        foreach (var response in responses)
        {
            using var connection = _listener.Accept();
            requests.Add(ReadRequest(connection));
            connection.Send(Encoding.ASCII.GetBytes(response));
        }
        return requests;
    }

    // The head and a Content-Length body.
    private static string ReadRequest(Socket connection)
    {
        var text = new StringBuilder();
        var buffer = new byte[8192];
        while (true)
        {
            var n = connection.Receive(buffer);
            if (n == 0) return text.ToString();
            text.Append(Encoding.ASCII.GetString(buffer, 0, n));
            var s = text.ToString();
            var end = s.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end < 0) continue;
            var lengthLine = s[..end].Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
            var length = lengthLine is null ? 0 : int.Parse(lengthLine["Content-Length:".Length..].Trim());
            if (s.Length >= end + 4 + length) return s;
        }
    }

    public void Dispose()
    {
        _listener.Dispose();
        File.Delete(_path);
    }
}
