namespace Berth.Client.Http;

// A body with neither a length nor chunks: it ends where the daemon closes the connection.
internal sealed class CloseDelimitedBodyStream(Stream connection) : BodyStream
{
    public override int Read(Span<byte> buffer) => connection.Read(buffer);

    protected override void Dispose(bool disposing)
    {
        if (disposing) connection.Dispose();
        base.Dispose(disposing);
    }
}
