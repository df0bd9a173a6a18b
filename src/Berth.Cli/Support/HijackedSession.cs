using Berth.Client.Hijack;

namespace Berth.Cli.Support;

// Holds a hijacked attach/exec connection: the container's output to the user's stdout/stderr (demultiplexed unless
// TTY), the user's stdin to the container with a half-close at its end, and the detach keys on a TTY.
public static class HijackedSession
{
    public enum Outcome { OutputEnded, Detached }

    public static async Task<Outcome> RunAsync(HijackedConnection connection, bool tty, Stream? stdin, Stream stdout, Stream stderr,
        byte[]? detachKeys, CancellationToken cancel)
    {
        var detached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (stdin is not null)
        {
            StartInputPump(connection, stdin, tty ? detachKeys : null, () => detached.TrySetResult());
        }
        var output = tty
            ? connection.Stream.CopyToAsync(new FlushingStream(stdout), cancel)
            : StreamDemultiplexer.CopyAsync(connection.Stream, stdout, stderr, cancel);
        var first = await Task.WhenAny(output, detached.Task);
        if (first == detached.Task)
        {
            connection.Dispose();
            return Outcome.Detached;
        }
        try
        {
            await output;
        }
        catch (IOException) when (detached.Task.IsCompleted)
        {
            return Outcome.Detached;
        }
        return Outcome.OutputEnded;
    }

    // The same session with the output copied on the calling thread by blocking reads (`run`, see BlockingClient):
    // a detach from the input thread aborts the connection, which ends the blocked read.
    public static Outcome Run(HijackedConnection connection, bool tty, Stream? stdin, Stream stdout, Stream stderr, byte[]? detachKeys)
    {
        var detached = 0;
        if (stdin is not null)
            StartInputPump(connection, stdin, tty ? detachKeys : null, () =>
            {
                Volatile.Write(ref detached, 1);
                connection.Abort();
            });
        try
        {
            if (tty)
                CopyFlushing(connection.Stream, stdout);
            else
                StreamDemultiplexer.Copy(connection.Stream, stdout, stderr);
        }
        catch (IOException) when (Volatile.Read(ref detached) == 1)
        {
        }
        return Volatile.Read(ref detached) == 1 ? Outcome.Detached : Outcome.OutputEnded;
    }

    private static void CopyFlushing(Stream source, Stream target)
    {
        var buffer = new byte[32 * 1024];
        int n;
        while ((n = source.Read(buffer)) > 0)
        {
            target.Write(buffer, 0, n);
            target.Flush();
        }
    }

    // A dedicated thread: a blocking read of a terminal cannot be cancelled, and it must not hold up the exit.
    private static void StartInputPump(HijackedConnection connection, Stream stdin, byte[]? detachKeys, Action detached)
    {
        var thread = new Thread(() => PumpInput(connection, stdin, detachKeys, detached)) { IsBackground = true, Name = "stdin" };
        thread.Start();
    }

    private static void PumpInput(HijackedConnection connection, Stream stdin, byte[]? detachKeys, Action detached)
    {
        var matcher = detachKeys is { Length: > 0 } ? new DetachKeyMatcher(detachKeys) : null;
        var buffer = new byte[32 * 1024];
        var forward = new List<byte>();
        try
        {
            while (true)
            {
                var n = stdin.Read(buffer, 0, buffer.Length);
                if (n == 0) break;
                if (matcher is null)
                {
                    connection.Stream.Write(buffer, 0, n);
                    continue;
                }
                forward.Clear();
                var detach = matcher.Feed(buffer.AsSpan(0, n), forward);
                if (forward.Count > 0) connection.Stream.Write(forward.ToArray());
                if (detach)
                {
                    detached();
                    return;
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The container's side has closed; its output decides how the session ends.
        }
        connection.CloseWrite();
    }

    // A TTY's output is flushed as it arrives, so prompts show before a newline.
    private sealed class FlushingStream(Stream inner) : WriteOnlyStream
    {
        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancel = default)
        {
            await inner.WriteAsync(buffer, cancel);
            await inner.FlushAsync(cancel);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancel) =>
            WriteAsync(buffer.AsMemory(offset, count), cancel).AsTask();

        public override void Write(byte[] buffer, int offset, int count)
        {
            inner.Write(buffer, offset, count);
            inner.Flush();
        }

        public override void Flush() => inner.Flush();
    }
}
