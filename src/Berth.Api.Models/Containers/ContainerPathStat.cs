using System.Text.Json.Serialization;

namespace Berth.Api.Models.Containers;

// The X-Docker-Container-Path-Stat header of /containers/{id}/archive: base64 of this JSON. Mode is Go's os.FileMode
// (permission bits plus type bits at the top), mtime RFC 3339 with nanoseconds, linkTarget the resolved path of a
// symlink inside the container ("" for anything else).
public sealed class ContainerPathStat
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("size")] public long Size { get; set; }
    [JsonPropertyName("mode")] public uint Mode { get; set; }
    [JsonPropertyName("mtime")] public string Mtime { get; set; } = "";
    [JsonPropertyName("linkTarget")] public string LinkTarget { get; set; } = "";
}

[JsonSerializable(typeof(ContainerPathStat))]
public sealed partial class ContainerPathStatJsonContext : JsonSerializerContext;
