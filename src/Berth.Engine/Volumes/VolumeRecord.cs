using System.Text.Json.Serialization;

namespace Berth.Engine.Volumes;

// What the engine keeps about one volume, as volumes/<name>/volume.json beside its _data directory.
public sealed class VolumeRecord
{
    public string Name { get; set; } = "";
    public string Driver { get; set; } = "local";
    public Dictionary<string, string>? Labels { get; set; }
    public Dictionary<string, string>? Options { get; set; }
    public string CreatedAt { get; set; } = "";

    [JsonIgnore] public bool IsAnonymous => Labels?.ContainsKey(VolumeService.AnonymousLabel) == true;
}

[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(VolumeRecord))]
internal sealed partial class VolumeRecordJsonContext : JsonSerializerContext;
