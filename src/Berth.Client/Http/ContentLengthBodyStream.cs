namespace Berth.Client.Http;

// A body of the length its Content-Length header gave: exactly that many bytes, then the end.
internal sealed class ContentLengthBodyStream(Stream connection, long length) : BodyStream
{
    private long _left = length;

    public override int Read(Span<byte> buffer)
    {
        if (_left == 0 || buffer.Length == 0) return 0;
        var n = connection.Read(buffer[..(int)Math.Min(buffer.Length, _left)]);
        if (n == 0) throw new IOException($"the daemon's answer ended {_left} bytes short of its Content-Length");
        _left -= n;
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) connection.Dispose();
        base.Dispose(disposing);
    }
}
