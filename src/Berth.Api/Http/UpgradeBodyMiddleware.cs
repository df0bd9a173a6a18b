using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Berth.Api.Http;

// Kestrel refuses an upgrade request that has a body ("Requests with 'Connection: Upgrade' cannot have content"),
// but Docker's clients send exec start as exactly that: POST with Upgrade: tcp and a JSON body. This connection
// middleware takes such a body off the first request of a connection (hijacked requests always dial a connection
// of their own), sets its Content-Length to 0, and keeps the bytes in the connection's items for the handler.
public static class UpgradeBodyMiddleware
{
    private const string ItemKey = "berth.upgrade-body";
    private const string StdinKey = "berth.upgrade-stdin";
    private const int MaxHead = 64 * 1024;
    private const int MaxBody = 1024 * 1024;

    public static ConnectionDelegate Wrap(ConnectionDelegate next) => async connection =>
    {
        var original = connection.Transport;
        var pipe = new Pipe();
        connection.Transport = new DuplexPipe(pipe.Reader, original.Output);
        var pump = PumpAsync(original.Input, pipe.Writer, connection.Items);
        // Kestrel's socket transport reports a client's FIN as the connection closing, and Kestrel then aborts the
        // response. After an upgrade the FIN is only the end of stdin, so Kestrel gets a closing signal that
        // ignores it (a client that really went away still fails the next write).
        using var closed = new CancellationTokenSource();
        using var forward = connection.ConnectionClosed.Register(() =>
        {
            if (!connection.Items.ContainsKey(StdinKey)) closed.Cancel();
        });
        var wrapped = new HalfCloseConnection(connection, closed.Token);
        try
        {
            await next(wrapped);
        }
        finally
        {
            original.Input.CancelPendingRead();
            await pipe.Reader.CompleteAsync();
            await pump;
        }
    };

    // The body a rewritten upgrade request carried, or null.
    public static byte[]? TakeBody(HttpContext http)
    {
        var items = http.Features.Get<IConnectionItemsFeature>()?.Items;
        if (items is null || !items.TryGetValue(ItemKey, out var value)) return null;
        items.Remove(ItemKey);
        return value as byte[];
    }

    // What the client sends after an upgrade request's head: its stdin, ending (0-byte read) at its half-close.
    // Kestrel never sees these bytes, nor the half-close, which would make it abort the connection's output.
    public static Stream? Stdin(HttpContext http)
    {
        var items = http.Features.Get<IConnectionItemsFeature>()?.Items;
        return items is not null && items.TryGetValue(StdinKey, out var value) && value is Pipe p ? p.Reader.AsStream() : null;
    }

    private static async Task PumpAsync(PipeReader input, PipeWriter output, IDictionary<object, object?> items)
    {
        PipeWriter? target = output;
        var first = true;
        try
        {
            while (true)
            {
                var result = await input.ReadAsync();
                if (result.IsCanceled) break;
                var buffer = result.Buffer;
                if (first)
                {
                    var headEnd = FindHeadEnd(buffer);
                    if (headEnd < 0 && !result.IsCompleted && buffer.Length < MaxHead)
                    {
                        input.AdvanceTo(buffer.Start, buffer.End);
                        continue;
                    }
                    if (headEnd >= 0)
                    {
                        var split = Split(buffer, headEnd, result.IsCompleted, items);
                        if (split is null)
                        {
                            input.AdvanceTo(buffer.Start, buffer.End);
                            continue;
                        }
                        first = false;
                        var (head, tail, upgrade) = split.Value;
                        await output.WriteAsync(head);
                        if (upgrade)
                        {
                            var stdin = new Pipe();
                            items[StdinKey] = stdin;
                            target = stdin.Writer;
                        }
                        if (tail.Length > 0) await target.WriteAsync(tail);
                        input.AdvanceTo(buffer.End);
                        if (result.IsCompleted) break;
                        continue;
                    }
                    first = false;
                }
                foreach (var segment in buffer) await target.WriteAsync(segment);
                input.AdvanceTo(buffer.End);
                if (result.IsCompleted) break;
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ConnectionResetException or OperationCanceledException) { }
        finally
        {
            // After an upgrade only the stdin pipe ends here; Kestrel's side ends when the handler is done.
            await target.CompleteAsync();
            if (target == output) await input.CompleteAsync();
        }
    }

    // The head to give Kestrel (an upgrade request's body moved to the items), the bytes after it, and whether it
    // is an upgrade; null when the body has not all arrived yet.
    private static (byte[] Head, byte[] Tail, bool Upgrade)? Split(ReadOnlySequence<byte> buffer, long headEnd, bool completed, IDictionary<object, object?> items)
    {
        var headText = Encoding.Latin1.GetString(buffer.Slice(0, headEnd).ToArray());
        var lines = headText.Split("\r\n");
        var upgrade = lines.Any(l => l.StartsWith("Upgrade:", StringComparison.OrdinalIgnoreCase));
        var whole = buffer.Slice(0, headEnd + 4).ToArray();
        if (!upgrade) return (buffer.ToArray(), [], false);
        var lengthLine = Array.FindIndex(lines, l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        long length = 0;
        if (lengthLine >= 0 && (!long.TryParse(lines[lengthLine]["Content-Length:".Length..].Trim(), out length) || length < 0 || length > MaxBody))
            return (buffer.ToArray(), [], false);
        var total = headEnd + 4 + length;
        if (buffer.Length < total) return completed ? (buffer.ToArray(), [], false) : null;
        if (length > 0)
        {
            items[ItemKey] = buffer.Slice(headEnd + 4, length).ToArray();
            lines[lengthLine] = "Content-Length: 0";
            whole = Encoding.Latin1.GetBytes(string.Join("\r\n", lines) + "\r\n\r\n");
        }
        return (whole, buffer.Slice(total).ToArray(), true);
    }

    private static long FindHeadEnd(ReadOnlySequence<byte> buffer)
    {
        var reader = new SequenceReader<byte>(buffer);
        return reader.TryReadTo(out ReadOnlySequence<byte> head, "\r\n\r\n"u8, advancePastDelimiter: false) ? head.Length : -1;
    }

    private sealed class HalfCloseConnection(ConnectionContext inner, CancellationToken closed) : ConnectionContext
    {
        public override string ConnectionId { get => inner.ConnectionId; set => inner.ConnectionId = value; }
        public override IFeatureCollection Features => inner.Features;
        public override IDictionary<object, object?> Items { get => inner.Items; set => inner.Items = value; }
        public override IDuplexPipe Transport { get => inner.Transport; set => inner.Transport = value; }
        public override CancellationToken ConnectionClosed { get => closed; set { } }
        public override System.Net.EndPoint? LocalEndPoint { get => inner.LocalEndPoint; set => inner.LocalEndPoint = value; }
        public override System.Net.EndPoint? RemoteEndPoint { get => inner.RemoteEndPoint; set => inner.RemoteEndPoint = value; }
        public override void Abort(ConnectionAbortedException abortReason) => inner.Abort(abortReason);
        public override void Abort() => inner.Abort();
        public override ValueTask DisposeAsync() => inner.DisposeAsync();
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;
        public PipeWriter Output { get; } = output;
    }
}
