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
    private const int MaxHead = 64 * 1024;
    private const int MaxBody = 1024 * 1024;

    public static ConnectionDelegate Wrap(ConnectionDelegate next) => async connection =>
    {
        var original = connection.Transport;
        var pipe = new Pipe();
        connection.Transport = new DuplexPipe(pipe.Reader, original.Output);
        var pump = PumpAsync(original.Input, pipe.Writer, connection.Items);
        try
        {
            await next(connection);
        }
        finally
        {
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

    private static async Task PumpAsync(PipeReader input, PipeWriter output, IDictionary<object, object?> items)
    {
        try
        {
            var first = true;
            while (true)
            {
                var result = await input.ReadAsync();
                var buffer = result.Buffer;
                if (first)
                {
                    var head = FindHeadEnd(buffer);
                    if (head < 0 && !result.IsCompleted && buffer.Length < MaxHead)
                    {
                        input.AdvanceTo(buffer.Start, buffer.End);
                        continue;
                    }
                    first = false;
                    if (head >= 0 && Rewrite(ref buffer, head, result.IsCompleted, items, out var rewritten) is var state)
                    {
                        if (state == RewriteState.NeedMore)
                        {
                            first = true;
                            input.AdvanceTo(buffer.Start, buffer.End);
                            continue;
                        }
                        if (state == RewriteState.Done)
                        {
                            await output.WriteAsync(rewritten!);
                            input.AdvanceTo(buffer.End);
                            if (result.IsCompleted) break;
                            continue;
                        }
                    }
                }
                foreach (var segment in buffer) await output.WriteAsync(segment);
                input.AdvanceTo(buffer.End);
                if (result.IsCompleted) break;
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ConnectionResetException or OperationCanceledException) { }
        finally
        {
            await output.CompleteAsync();
            await input.CompleteAsync();
        }
    }

    private enum RewriteState { Unchanged, NeedMore, Done }

    // On Done, rewritten holds the new head and everything after the body; buffer then is the consumed span.
    private static RewriteState Rewrite(ref ReadOnlySequence<byte> buffer, long headEnd, bool completed, IDictionary<object, object?> items, out byte[]? rewritten)
    {
        rewritten = null;
        var headText = Encoding.Latin1.GetString(buffer.Slice(0, headEnd).ToArray());
        var lines = headText.Split("\r\n");
        var upgrade = lines.Any(l => l.StartsWith("Upgrade:", StringComparison.OrdinalIgnoreCase));
        var lengthLine = Array.FindIndex(lines, l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        if (!upgrade || lengthLine < 0 || !long.TryParse(lines[lengthLine]["Content-Length:".Length..].Trim(), out var length) || length <= 0 || length > MaxBody)
            return RewriteState.Unchanged;
        var total = headEnd + 4 + length;
        if (buffer.Length < total) return completed ? RewriteState.Unchanged : RewriteState.NeedMore;
        items[ItemKey] = buffer.Slice(headEnd + 4, length).ToArray();
        lines[lengthLine] = "Content-Length: 0";
        var newHead = Encoding.Latin1.GetBytes(string.Join("\r\n", lines) + "\r\n\r\n");
        rewritten = [.. newHead, .. buffer.Slice(total).ToArray()];
        return RewriteState.Done;
    }

    private static long FindHeadEnd(ReadOnlySequence<byte> buffer)
    {
        var reader = new SequenceReader<byte>(buffer);
        return reader.TryReadTo(out ReadOnlySequence<byte> head, "\r\n\r\n"u8, advancePastDelimiter: false) ? head.Length : -1;
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;
        public PipeWriter Output { get; } = output;
    }
}
