namespace Berth.Client.Tests.Http;

// Hands out the bytes in the given pieces, one piece per read at most, as a socket may; then the end.
internal sealed class PiecewiseStream(params byte[][] pieces) : Stream
{
    private int _piece;
    private int _offset;

    public bool Disposed { get; private set; }

    public int Reads { get; private set; }

    public static PiecewiseStream ByteByByte(byte[] all) => new(all.Select(b => new[] { b }).ToArray());

    public override int Read(byte[] buffer, int offset, int count)
    {
        Reads++;
        if (_piece == pieces.Length) return 0;
        var n = Math.Min(count, pieces[_piece].Length - _offset);
        Array.Copy(pieces[_piece], _offset, buffer, offset, n);
        _offset += n;
        if (_offset == pieces[_piece].Length) { _piece++; _offset = 0; }
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
