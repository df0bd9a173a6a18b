namespace Berth.Client.Http;

// A connection's stream that first gives back the bytes already read along with the response head, then reads on
// from the connection; writes go straight to the connection.
internal sealed class PrefixedStream(byte[] prefix, Stream inner) : ConnectionStream
{
    private int _offset;

    public override int Read(Span<byte> buffer)
    {
        if (TakePrefix(buffer) is var n and > 0) return n;
        return inner.Read(buffer);
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancel = default)
    {
        if (TakePrefix(buffer.Span) is var n and > 0) return ValueTask.FromResult(n);
        return inner.ReadAsync(buffer, cancel);
    }

    private int TakePrefix(Span<byte> buffer)
    {
        var left = prefix.Length - _offset;
        if (left == 0 || buffer.Length == 0) return 0;
        var n = Math.Min(left, buffer.Length);
        prefix.AsSpan(_offset, n).CopyTo(buffer);
        _offset += n;
        return n;
    }

    public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancel = default) =>
        inner.WriteAsync(buffer, cancel);

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancel) => inner.FlushAsync(cancel);

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
