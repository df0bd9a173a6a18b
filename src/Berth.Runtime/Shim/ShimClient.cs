using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Berth.Runtime.Shim;

// Talks to one shim over its socket. Every call is a connection of its own, so a daemon that restarted simply
// makes a new client: the shim does not care who is on the other end. The shim removes its socket and exits once
// the container has exited; with exitFilePath, WaitAsync then answers from the exit file it left.
public sealed class ShimClient(string socketPath, string? exitFilePath = null)
{
    public string SocketPath => socketPath;

    public async Task StartAsync(CancellationToken ct = default)
    {
        using var s = await RequestAsync(new ShimRequest { Op = "start" }, ct);
    }

    // A duplex stream after the Ok: frames of output to read, raw stdin to write (ShutdownInput sends EOF).
    public async Task<ShimStream> AttachAsync(bool stdin, bool stdout, bool stderr, CancellationToken ct = default) =>
        await RequestAsync(new ShimRequest { Op = "attach", Stdin = stdin, Stdout = stdout, Stderr = stderr }, ct);

    public async Task ResizeAsync(int height, int width, string? execId = null, CancellationToken ct = default)
    {
        using var s = await RequestAsync(new ShimRequest { Op = "resize", Height = height, Width = width, ExecId = execId }, ct);
    }

    public async Task KillAsync(int signal, CancellationToken ct = default)
    {
        using var s = await RequestAsync(new ShimRequest { Op = "kill", Signal = signal }, ct);
    }

    public async Task<ShimExit> WaitAsync(CancellationToken ct = default)
    {
        try
        {
            using var s = await ConnectAsync(new ShimRequest { Op = "wait" }, ct);
            return await ReadReplyAsync(s, ShimJsonContext.Default.ShimExit, ct);
        }
        // A connection still in the backlog when the shim closed its socket is reset rather than answered.
        catch (Exception e) when (e is RuntimeException or IOException or SocketException
            && exitFilePath is not null && ExitFile.Read(exitFilePath) is { } exit)
        {
            return exit;
        }
    }

    public async Task<ShimState> StateAsync(CancellationToken ct = default)
    {
        using var s = await ConnectAsync(new ShimRequest { Op = "state" }, ct);
        return await ReadReplyAsync(s, ShimJsonContext.Default.ShimState, ct);
    }

    // processJson: an OCI process object. The stream carries the exec's frames and ends with a stream-3 frame
    // {"ExitCode":n} (not with Detach, where it ends at once).
    public async Task<(int Pid, ShimStream Stream)> ExecAsync(string execId, string processJson, bool tty, bool stdin, bool detach, CancellationToken ct = default)
    {
        using var process = JsonDocument.Parse(processJson);
        var request = new ShimRequest { Op = "exec", ExecId = execId, Process = process.RootElement.Clone(), Tty = tty, Stdin = stdin, Detach = detach };
        var s = await ConnectAsync(request, ct);
        try
        {
            var reply = await ReadReplyAsync(s, ShimJsonContext.Default.ShimReply, ct);
            if (reply.Error is not null) throw new RuntimeException(reply.Error);
            return (reply.Pid ?? 0, s);
        }
        catch
        {
            await s.DisposeAsync();
            throw;
        }
    }

    // The exit code a stream-3 frame of an exec carries.
    public static int ParseExecExit(ReadOnlySpan<byte> payload) =>
        JsonSerializer.Deserialize(payload, ShimJsonContext.Default.ExecExit)?.ExitCode ?? throw new RuntimeException("empty exec status");

    private async Task<ShimStream> RequestAsync(ShimRequest request, CancellationToken ct)
    {
        var s = await ConnectAsync(request, ct);
        try
        {
            var reply = await ReadReplyAsync(s, ShimJsonContext.Default.ShimReply, ct);
            if (reply.Error is not null) throw new RuntimeException(reply.Error);
            if (reply.Ok != true) throw new RuntimeException("the shim gave no answer");
            return s;
        }
        catch
        {
            await s.DisposeAsync();
            throw;
        }
    }

    private async Task<ShimStream> ConnectAsync(ShimRequest request, CancellationToken ct)
    {
        Socket socket;
        for (var attempt = 0; ; attempt++)
        {
            socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct);
                break;
            }
            // A unix socket whose accept queue is full answers EAGAIN (which .NET reports as "cannot assign requested
            // address"): the shim is busy or just starting or ending. That passes; try again for a while.
            catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressNotAvailable or SocketError.TryAgain && attempt < 100)
            {
                socket.Dispose();
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2 << Math.Min(attempt, 5), 50)), ct);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                throw new RuntimeException($"cannot reach the shim at {socketPath}: {e.Message}");
            }
        }
        var stream = new ShimStream(socket);
        var json = JsonSerializer.SerializeToUtf8Bytes(request, ShimJsonContext.Default.ShimRequest);
        var line = new byte[json.Length + 1];
        json.CopyTo(line, 0);
        line[^1] = (byte)'\n';
        await stream.WriteAsync(line, ct);
        return stream;
    }

    // The reply line only: what follows it (an attach's or exec's frames) stays in the socket for the stream.
    // ShimConnection peeks and takes the line in one receive; read a byte at a time, the 77-byte exit answer took
    // 77 receives, 1.5 ms on the path of every `run --rm`.
    private static async Task<T> ReadReplyAsync<T>(ShimStream s, JsonTypeInfo<T> type, CancellationToken ct)
    {
        var line = await ShimConnection.ReadLineAsync(s.Socket, ct) ?? throw new RuntimeException("the shim closed the connection without an answer");
        try
        {
            return JsonSerializer.Deserialize(line, type) ?? throw new RuntimeException("the shim answered null");
        }
        catch (JsonException e)
        {
            throw new RuntimeException($"the shim's answer is not valid: {e.Message}");
        }
    }
}

// A connection to a shim after its reply: NetworkStream plus a half-close, for a client's end of stdin.
public sealed class ShimStream(Socket socket) : NetworkStream(socket, ownsSocket: true)
{
    public void ShutdownInput() => Socket.Shutdown(SocketShutdown.Send);
}
