using System.Text.Json.Serialization;

namespace Berth.Api.Models.Images;

// One row of GET /images/json (and of system df's image list).
public sealed class ImageSummary
{
    [JsonPropertyName("Id")] public string Id { get; set; } = "";
    [JsonPropertyName("ParentId")] public string ParentId { get; set; } = "";
    [JsonPropertyName("RepoTags")] public List<string> RepoTags { get; set; } = [];
    [JsonPropertyName("RepoDigests")] public List<string> RepoDigests { get; set; } = [];
    // Unix seconds.
    [JsonPropertyName("Created")] public long Created { get; set; }
    [JsonPropertyName("Size")] public long Size { get; set; }
    // -1 when not computed, as Docker sends it from plain image lists.
    [JsonPropertyName("SharedSize")] public long SharedSize { get; set; } = -1;
    [JsonPropertyName("Labels")] public Dictionary<string, string> Labels { get; set; } = [];
    [JsonPropertyName("Containers")] public long Containers { get; set; } = -1;
}
