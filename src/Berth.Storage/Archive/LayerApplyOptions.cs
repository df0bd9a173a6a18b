using Berth.Oci;

namespace Berth.Storage.Archive;

public sealed record LayerApplyOptions
{
    // Bound on the uncompressed tar, which bounds what a layer can write.
    // Generous enough for real images (the largest CUDA layers are ~10 GB).
    public long MaxUncompressedBytes { get; init; } = 64L << 30;
}

// DiffId: sha256 of the uncompressed tar; Size: bytes of regular-file content unpacked.
public sealed record LayerApplyResult(Digest DiffId, long Size, LayerCompression Compression);
