using Berth.Oci;

namespace Berth.Storage.Metadata;

public sealed record ImageRecord(
    Digest Id,
    Digest ConfigDigest,
    Digest? ManifestDigest,
    DateTimeOffset? Created,
    long Size,
    DateTimeOffset? LastTagTime);

public sealed record LayerRecord(Digest ChainId, Digest DiffId, Digest? Parent, long Size);

public sealed record BlobRecord(Digest Digest, long Size, string MediaType);
