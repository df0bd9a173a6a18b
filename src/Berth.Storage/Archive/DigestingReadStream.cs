using System.Security.Cryptography;
using Berth.Oci;

namespace Berth.Storage.Archive;

// Hashes and counts the uncompressed tar as it is read, so the diff ID comes
// from the very bytes that were unpacked, and a decompression bomb is stopped
// at the limit instead of filling the disk.
internal sealed class DigestingReadStream(Stream inner, long maxBytes) : ReadOnlyStream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public long BytesRead { get; private set; }

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        BytesRead += n;
        if (BytesRead > maxBytes)
            throw new InvalidLayerException(
                $"layer is larger than the limit of {maxBytes} bytes uncompressed; refusing to unpack it");
        _hash.AppendData(buffer[..n]);
        return n;
    }


    // The diff ID covers the whole stream, including padding after the tar's
    // end-of-archive blocks, which the tar reader never asks for.
    public Digest DrainAndGetDigest()
    {
        var scratch = new byte[81920];
        while (Read(scratch) > 0)
        {
        }
        return Digest.FromSha256Hash(_hash.GetHashAndReset());
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
