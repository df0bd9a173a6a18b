using System.Text.Json.Serialization;
using Berth.Oci.Image;

namespace Berth.Api.Models.Images;

// GET /images/{name}/json, in the Engine API's shape and key names.
public sealed class ImageInspect
{
    [JsonPropertyName("Id")] public string Id { get; set; } = "";
    [JsonPropertyName("RepoTags")] public List<string> RepoTags { get; set; } = [];
    [JsonPropertyName("RepoDigests")] public List<string> RepoDigests { get; set; } = [];
    [JsonPropertyName("Parent")] public string Parent { get; set; } = "";
    [JsonPropertyName("Comment")] public string Comment { get; set; } = "";
    // RFC 3339 with nanoseconds, as Go formats time.Time.
    [JsonPropertyName("Created")] public string Created { get; set; } = "";
    [JsonPropertyName("DockerVersion")] public string DockerVersion { get; set; } = "";
    [JsonPropertyName("Author")] public string Author { get; set; } = "";
    [JsonPropertyName("Config")] public ContainerConfig? Config { get; set; }
    [JsonPropertyName("Architecture")] public string Architecture { get; set; } = "";
    [JsonPropertyName("Variant")] public string? Variant { get; set; }
    [JsonPropertyName("Os")] public string Os { get; set; } = "";
    [JsonPropertyName("OsVersion")] public string? OsVersion { get; set; }
    [JsonPropertyName("Size")] public long Size { get; set; }
    [JsonPropertyName("GraphDriver")] public GraphDriverData GraphDriver { get; set; } = new();
    [JsonPropertyName("RootFS")] public InspectRootFs RootFS { get; set; } = new();
    [JsonPropertyName("Metadata")] public InspectMetadata Metadata { get; set; } = new();
}

public sealed class GraphDriverData
{
    [JsonPropertyName("Name")] public string Name { get; set; } = "overlay2";
    [JsonPropertyName("Data")] public Dictionary<string, string> Data { get; set; } = [];
}

public sealed class InspectRootFs
{
    [JsonPropertyName("Type")] public string Type { get; set; } = "layers";
    [JsonPropertyName("Layers")] public List<string> Layers { get; set; } = [];
}

public sealed class InspectMetadata
{
    [JsonPropertyName("LastTagTime")] public string LastTagTime { get; set; } = "0001-01-01T00:00:00Z";
}
