using System.Text.Json;

namespace Berth.Oci.Image;

// An image's ID is the digest of its config blob exactly as stored: parsing and
// re-serialising would change whitespace and key order, and so the ID, which
// would stop matching Docker's for the same image.
public static class ImageId
{
    public static Digest Compute(ReadOnlySpan<byte> configJson) => Digest.Compute(configJson);

    public static ImageConfig ParseConfig(ReadOnlySpan<byte> configJson) =>
        JsonSerializer.Deserialize(configJson, ImageJson.Context.ImageConfig)
        ?? throw new JsonException("image config is null");
}
