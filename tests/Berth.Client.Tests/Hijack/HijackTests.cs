using System.Net.Sockets;
using System.Text;
using Berth.Client.Hijack;
using Berth.Client.Http;

namespace Berth.Client.Tests.Hijack;

public class HijackTests
{
    [Fact]
    public async Task Frames_go_to_stdout_and_stderr_by_their_type()
    {
        var input = new MemoryStream([.. StreamDemultiplexer.Frame(1, "out1\n"u8), .. StreamDemultiplexer.Frame(2, "err\n"u8),
            .. StreamDemultiplexer.Frame(1, "out2\n"u8), .. StreamDemultiplexer.Frame(0, ""u8)]);
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();

        await StreamDemultiplexer.CopyAsync(input, stdout, stderr, CancellationToken.None);

        Assert.Equal("out1\nout2\n", Encoding.UTF8.GetString(stdout.ToArray()));
        Assert.Equal("err\n", Encoding.UTF8.GetString(stderr.ToArray()));
    }

    [Fact]
    public async Task A_frame_larger_than_the_copy_buffer_arrives_whole()
    {
        var payload = Enumerable.Range(0, 100_000).Select(i => (byte)i).ToArray();
        var stdout = new MemoryStream();
        await StreamDemultiplexer.CopyAsync(new MemoryStream(StreamDemultiplexer.Frame(1, payload)), stdout, new MemoryStream(), CancellationToken.None);
        Assert.Equal(payload, stdout.ToArray());
    }

    [Fact]
    public async Task A_stream_cut_inside_a_frame_is_an_error()
    {
        var frame = StreamDemultiplexer.Frame(1, "hello"u8);
        await Assert.ThrowsAsync<IOException>(() =>
            StreamDemultiplexer.CopyAsync(new MemoryStream(frame[..10]), new MemoryStream(), new MemoryStream(), CancellationToken.None));
        await Assert.ThrowsAsync<IOException>(() =>
            StreamDemultiplexer.CopyAsync(new MemoryStream(frame[..5]), new MemoryStream(), new MemoryStream(), CancellationToken.None));
    }

    [Fact]
    public async Task A_system_error_frame_carries_the_daemons_message()
    {
        var e = await Assert.ThrowsAsync<ClientException>(() => StreamDemultiplexer.CopyAsync(
            new MemoryStream(StreamDemultiplexer.Frame(3, "boom"u8)), new MemoryStream(), new MemoryStream(), CancellationToken.None));
        Assert.Equal("error from daemon in stream: boom", e.Message);
    }

    [Fact]
    public void Frame_headers_are_type_three_zeros_and_a_big_endian_length()
    {
        var frame = StreamDemultiplexer.Frame(2, new byte[0x010203]);
        Assert.Equal(new byte[] { 2, 0, 0, 0, 0, 1, 2, 3 }, frame[..8]);
    }

    [Fact]
    public void The_upgrade_request_asks_for_a_raw_tcp_stream()
    {
        var text = Encoding.ASCII.GetString(HijackRequest.Build("POST", "/v1.50/containers/abc/attach?stdout=1&stream=1", "Berth-Client/0.1.0", null));
        Assert.Equal("POST /v1.50/containers/abc/attach?stdout=1&stream=1 HTTP/1.1\r\nHost: berth\r\nUser-Agent: Berth-Client/0.1.0\r\n"
            + "Content-Type: text/plain\r\nConnection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: 0\r\n\r\n", text);
    }

    [Fact]
    public void An_exec_start_request_carries_its_json_body()
    {
        var body = """{"Detach":false,"Tty":true}"""u8.ToArray();
        var text = Encoding.ASCII.GetString(HijackRequest.Build("POST", "/v1.50/exec/e1/start", "ua", body));
        Assert.Contains("Content-Type: application/json\r\n", text);
        Assert.EndsWith($"Content-Length: {body.Length}\r\n\r\n{{\"Detach\":false,\"Tty\":true}}", text);
    }

    [Fact]
    public void Response_heads_are_parsed_case_insensitively()
    {
        var head = ResponseHead.Parse("HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\nupgrade: tcp");
        Assert.Equal(101, head.Status);
        Assert.Equal("tcp", head.Header("Upgrade"));
        Assert.Throws<ClientException>(() => ResponseHead.Parse("garbage"));
    }

    [Fact]
    public async Task After_the_upgrade_the_connection_is_raw_both_ways_and_half_closes()
    {
        using var server = new FakeDaemon();
        var serving = server.ServeOnceAsync(async (socket, request) =>
        {
            Assert.StartsWith("POST /v1.50/containers/c1/attach?stdin=1&stream=1 HTTP/1.1\r\n", request);
            // The first output bytes arrive in the same packet as the headers: they must not be lost.
            await socket.SendAsync("HTTP/1.1 101 UPGRADED\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n"u8.ToArray().Concat(StreamDemultiplexer.Frame(1, "ready\n"u8)).ToArray());
            var stdin = new List<byte>();
            var buffer = new byte[64];
            int n;
            while ((n = await socket.ReceiveAsync(buffer)) > 0) stdin.AddRange(buffer[..n]);
            await socket.SendAsync(StreamDemultiplexer.Frame(2, stdin.ToArray()));
            socket.Shutdown(SocketShutdown.Both);
        });

        using var connection = await HijackedConnection.OpenAsync(server.Address,
            HijackRequest.Build("POST", "/v1.50/containers/c1/attach?stdin=1&stream=1", "test", null), CancellationToken.None);
        await connection.Stream.WriteAsync("typed input"u8.ToArray());
        connection.CloseWrite();
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        await StreamDemultiplexer.CopyAsync(connection.Stream, stdout, stderr, CancellationToken.None);
        await serving;

        Assert.Equal("ready\n", Encoding.UTF8.GetString(stdout.ToArray()));
        Assert.Equal("typed input", Encoding.UTF8.GetString(stderr.ToArray()));
    }

    [Fact]
    public async Task A_refused_upgrade_is_the_daemons_error()
    {
        using var server = new FakeDaemon();
        var serving = server.ServeOnceAsync(async (socket, _) =>
        {
            var body = """{"message":"No such container: nope"}""";
            await socket.SendAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n{body}"));
        });
        var e = await Assert.ThrowsAsync<ClientException>(() => HijackedConnection.OpenAsync(server.Address,
            HijackRequest.Build("POST", "/v1.50/containers/nope/attach", "test", null), CancellationToken.None));
        await serving;
        Assert.Equal(404, e.Status);
        Assert.Equal("No such container: nope", e.Message);
    }

    private sealed class FakeDaemon : IDisposable
    {
        private readonly string _path = Path.Combine(Path.GetTempPath(), $"berth-hijack-{Guid.NewGuid():N}.sock");
        private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);

        public FakeDaemon()
        {
            _listener.Bind(new UnixDomainSocketEndPoint(_path));
            _listener.Listen();
        }

        public DaemonAddress Address => DaemonAddress.Parse("unix://" + _path);

        public async Task ServeOnceAsync(Func<Socket, string, Task> handle)
        {
            using var socket = await _listener.AcceptAsync();
            var head = new StringBuilder();
            var one = new byte[1];
            while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await socket.ReceiveAsync(one) == 1)
                head.Append((char)one[0]);
            await handle(socket, head.ToString());
        }

        public void Dispose()
        {
            _listener.Dispose();
            File.Delete(_path);
        }
    }
}
