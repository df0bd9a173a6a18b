namespace Berth.Client.Http;

// A response body read with blocking calls. Its async reads complete on the calling thread as well: the body of a
// blocking exchange must not pull in the thread pool through Stream's default ReadAsync.
internal abstract class BodyStream : Stream
{
    public abstract override int Read(Span<byte> buffer);

    public sealed override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public sealed override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancel = default) =>
        cancel.IsCancellationRequested ? ValueTask.FromCanceled<int>(cancel) : ValueTask.FromResult(Read(buffer.Span));

    public sealed override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancel) =>
        ReadAsync(buffer.AsMemory(offset, count), cancel).AsTask();

    public sealed override bool CanRead => true;
    public sealed override bool CanSeek => false;
    public sealed override bool CanWrite => false;
    public sealed override long Length => throw new NotSupportedException();
    public sealed override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public sealed override void Flush() { }
    public sealed override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public sealed override void SetLength(long value) => throw new NotSupportedException();
    public sealed override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
