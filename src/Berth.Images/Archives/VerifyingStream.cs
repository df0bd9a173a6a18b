using System.Security.Cryptography;
using Berth.Oci;
using Berth.Storage;

namespace Berth.Images.Archives;

// Passes a blob through and, at its end, fails the read if the bytes do not
// hash to the digest they were named by, so a tampered layer in an OCI
// archive is never committed (the blob store deletes the temp file on throw).
internal sealed class VerifyingStream(Stream inner, Digest expected) : ReadOnlyStream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        if (n > 0)
        {
            _hash.AppendData(buffer[..n]);
            return n;
        }
        if (buffer.Length > 0)
        {
            var actual = Digest.FromSha256Hash(_hash.GetHashAndReset());
            if (actual != expected)
                throw new InvalidArchiveException($"blob {expected} in the archive hashes to {actual}");
        }
        return 0;
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
