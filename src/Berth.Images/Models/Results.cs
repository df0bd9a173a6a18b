using System.Text.Json.Serialization;

namespace Berth.Images.Models;

// One line of DELETE /images/{name} and of image prune: exactly one is set.
public sealed class DeleteResponseItem
{
    [JsonPropertyName("Untagged")] public string? Untagged { get; set; }
    [JsonPropertyName("Deleted")] public string? Deleted { get; set; }

    // What the CLI prints for it.
    public override string ToString() => Untagged is not null ? $"Untagged: {Untagged}" : $"Deleted: {Deleted}";
}

public sealed class PruneResult
{
    [JsonPropertyName("ImagesDeleted")] public List<DeleteResponseItem> ImagesDeleted { get; set; } = [];
    [JsonPropertyName("SpaceReclaimed")] public long SpaceReclaimed { get; set; }
}

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

// berth system check: every problem found, and whether it was fixed.
public sealed class CheckReport
{
    [JsonPropertyName("Problems")] public List<string> Problems { get; set; } = [];
    [JsonPropertyName("Repaired")] public bool Repaired { get; set; }

    public int Count => Problems.Count;
}
