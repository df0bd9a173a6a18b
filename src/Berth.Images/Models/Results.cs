using System.Text.Json.Serialization;
using Berth.Api.Models.Images;

namespace Berth.Images.Models;

// What a load did. Messages are the lines `docker load` prints, in order:
// "Loaded image: <tag>" per tag, "Loaded image ID: <id>" for an untagged image.
public sealed record LoadResult(IReadOnlyList<string> ImageIds, IReadOnlyList<string> Tags, IReadOnlyList<string> Messages);

// GET /system/df's image part, measured on disk.
public sealed class ImageDiskUsage
{
    // Bytes of every unpacked layer directory plus every blob, as found on disk.
    [JsonPropertyName("LayersSize")] public long LayersSize { get; set; }
    [JsonPropertyName("BlobsSize")] public long BlobsSize { get; set; }
    [JsonPropertyName("Images")] public List<ImageSummary> Images { get; set; } = [];
    // Bytes only unused images hold (shared layers count as long as one used image needs them).
    [JsonPropertyName("Reclaimable")] public long Reclaimable { get; set; }
}
