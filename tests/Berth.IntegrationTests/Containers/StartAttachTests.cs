using System.Net.Sockets;
using System.Text;
using Berth.IntegrationTests.Infrastructure;

namespace Berth.IntegrationTests.Containers;

// docker start -a of a created and of an exited container (attach first, then start), and attach's logs=1, which
// replays the container's log before the live stream as dockerd does for json-file logs.
public sealed class StartAttachTests
{
    private static CommandResult Berth(ContainerEngine e, params string[] args) =>
        e.Daemon.Client(RepoPaths.BerthBinary, ["-H", e.Daemon.Host, .. args]);

    [SkippableFact]
    public void Start_attach_runs_a_created_then_an_exited_container_again_and_returns_its_code()
    {
        using var e = new ContainerEngine();
        e.Docker("create", "--name", "sa", "busybox", "sh", "-c", "echo out; echo err >&2; exit 3").EnsureSuccess();
        foreach (var run in new Func<CommandResult>[] { () => e.Docker("start", "-a", "sa"), () => e.Docker("start", "-a", "sa"), () => Berth(e, "start", "-a", "sa") })
        {
            var result = run();
            Assert.True(result.ExitCode == 3, result.ToString());
            Assert.Equal("out\n", result.Stdout);
            Assert.Equal("err\n", result.Stderr);
        }
        Assert.Equal("out\nout\nout\n", e.Docker("logs", "sa").EnsureSuccess().Stdout);
        Assert.Equal("exited 3", e.Docker("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", "sa").EnsureSuccess().Stdout.Trim());
    }

    [SkippableFact]
    public void Attach_with_logs_replays_the_log_then_streams()
    {
        using var e = new ContainerEngine();
        // Logs only, of an exited container: the whole log, each line on its stream, and the connection ends.
        e.Docker("run", "--name", "done", "busybox", "sh", "-c", "echo one; echo two >&2").ExpectExit(0);
        using (var attach = Attach(e, "done", "logs=1&stdout=1&stderr=1"))
        {
            // The shim reads the two pipes apart, so the log may hold them in either order.
            var frames = attach.ReadAll();
            Assert.Equal(2, frames.Count);
            Assert.Contains((1, "one\n"), frames);
            Assert.Contains((2, "two\n"), frames);
        }
        using (var attach = Attach(e, "done", "logs=1&stderr=1"))
            Assert.Equal([(2, "two\n")], attach.ReadAll());

        // Logs and stream of a running container: what it printed before the attach, then what it prints after.
        e.Docker("run", "-d", "-i", "--name", "live", "busybox", "sh", "-c", "echo before; read x; echo after $x").EnsureSuccess();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (e.Docker("logs", "live").Stdout != "before\n")
        {
            Assert.True(DateTime.UtcNow < deadline, "the container never printed its first line");
            Thread.Yield();
        }
        using (var attach = Attach(e, "live", "logs=1&stream=1&stdin=1&stdout=1&stderr=1"))
        {
            Assert.Equal((1, "before\n"), attach.ReadFrame());
            attach.Send("hi\n");
            Assert.Equal([(1, "after hi\n")], attach.ReadAll());
        }
        Assert.Equal("0", e.Docker("wait", "live").EnsureSuccess().Stdout.Trim());
    }

    private static AttachConnection Attach(ContainerEngine e, string container, string query)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified) { ReceiveTimeout = 30_000 };
        socket.Connect(new UnixDomainSocketEndPoint(e.Daemon.Socket));
        var connection = new AttachConnection(socket);
        connection.Send($"POST /v1.50/containers/{container}/attach?{query} HTTP/1.1\r\nHost: berth\r\nConnection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: 0\r\n\r\n");
        var head = connection.ReadHead();
        Assert.StartsWith("HTTP/1.1 101", head);
        Assert.Contains("application/vnd.docker.multiplexed-stream", head);
        return connection;
    }

    // A hijacked attach: the HTTP head, then docker's 8-byte-header frames.
    private sealed class AttachConnection(Socket socket) : IDisposable
    {
        public void Send(string text) => socket.Send(Encoding.ASCII.GetBytes(text));

        public string ReadHead()
        {
            var head = new StringBuilder();
            while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
            {
                var b = ReadExactly(1) ?? throw new Xunit.Sdk.XunitException($"the connection ended in the head: {head}");
                head.Append((char)b[0]);
            }
            return head.ToString();
        }

        public (int, string) ReadFrame() => TryReadFrame() ?? throw new Xunit.Sdk.XunitException("the stream ended");

        // Every frame up to the end of the stream.
        public List<(int, string)> ReadAll()
        {
            var frames = new List<(int, string)>();
            while (TryReadFrame() is { } frame) frames.Add(frame);
            return frames;
        }

        // (stream, payload), or null when the daemon closed the stream.
        private (int, string)? TryReadFrame()
        {
            var header = ReadExactly(8);
            if (header is null) return null;
            var length = (header[4] << 24) | (header[5] << 16) | (header[6] << 8) | header[7];
            var payload = ReadExactly(length) ?? throw new Xunit.Sdk.XunitException("the connection ended in a frame");
            return (header[0], Encoding.UTF8.GetString(payload));
        }

        private byte[]? ReadExactly(int count)
        {
            var buffer = new byte[count];
            var read = 0;
            while (read < count)
            {
                var n = socket.Receive(buffer, read, count - read, SocketFlags.None);
                if (n == 0) return read == 0 ? null : throw new Xunit.Sdk.XunitException("the connection ended mid-read");
                read += n;
            }
            return buffer;
        }

        public void Dispose() => socket.Dispose();
    }
}
