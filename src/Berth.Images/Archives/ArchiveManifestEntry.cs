using System.Text.Json.Serialization;

namespace Berth.Images.Archives;

// One image in a `docker save` archive's manifest.json (paths are inside the archive).
public sealed class ArchiveManifestEntry
{
    [JsonPropertyName("Config")] public string Config { get; set; } = "";
    [JsonPropertyName("RepoTags")] public List<string>? RepoTags { get; set; }
    [JsonPropertyName("Layers")] public List<string> Layers { get; set; } = [];
}
