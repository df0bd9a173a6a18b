using System.Text.Json;
using System.Text.Json.Serialization;

namespace Berth.Api.Models.Images;

// GET /system/df as the daemon sends it. Containers, volumes and the build cache are not served yet
// (always empty lists), so their rows are kept as raw JSON until they get shapes of their own.
public sealed class SystemDiskUsage
{
    [JsonPropertyName("LayersSize")] public long LayersSize { get; set; }
    [JsonPropertyName("Images")] public List<ImageSummary> Images { get; set; } = [];
    [JsonPropertyName("Containers")] public List<JsonElement> Containers { get; set; } = [];
    [JsonPropertyName("Volumes")] public List<JsonElement> Volumes { get; set; } = [];
    [JsonPropertyName("BuildCache")] public List<JsonElement> BuildCache { get; set; } = [];
}
