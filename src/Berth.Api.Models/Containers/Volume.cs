using System.Text.Json.Serialization;

namespace Berth.Api.Models.Containers;

// GET /volumes/{name}; one entry of GET /volumes.
public sealed class Volume
{
    // In the order of dockerd's struct, which clients that print the raw JSON show.
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CreatedAt { get; set; }
    public string Driver { get; set; } = "local";
    public Dictionary<string, string>? Labels { get; set; }
    public string Mountpoint { get; set; } = "";
    public string Name { get; set; } = "";
    public Dictionary<string, string>? Options { get; set; }
    public string Scope { get; set; } = "local";
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string>? Status { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public VolumeUsageData? UsageData { get; set; }
}

public sealed class VolumeUsageData
{
    public long Size { get; set; }
    public long RefCount { get; set; }
}

// POST /volumes/create.
public sealed class VolumeCreateRequest
{
    public string? Name { get; set; }
    public string? Driver { get; set; }
    public Dictionary<string, string>? DriverOpts { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
}

// GET /volumes.
public sealed class VolumeListResponse
{
    public List<Volume>? Volumes { get; set; }
    public List<string>? Warnings { get; set; }
}

// POST /volumes/prune.
public sealed class VolumePruneResponse
{
    public List<string>? VolumesDeleted { get; set; }
    public ulong SpaceReclaimed { get; set; }
}
