namespace Berth.Client.Http;

// A connection's stream that first gives back the bytes already read along with the response head, then reads on
// from the connection; writes go straight to the connection.
internal sealed class PrefixedStream(byte[] prefix, Stream inner) : Stream
{
    private int _offset;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (TakePrefix(buffer) is var n and > 0) return n;
        return inner.Read(buffer);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancel) =>
        ReadAsync(buffer.AsMemory(offset, count), cancel).AsTask();

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

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancel) =>
        inner.WriteAsync(buffer, offset, count, cancel);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancel = default) =>
        inner.WriteAsync(buffer, cancel);

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancel) => inner.FlushAsync(cancel);

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
