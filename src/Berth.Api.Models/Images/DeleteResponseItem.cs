using System.Text.Json.Serialization;

namespace Berth.Api.Models.Images;

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
