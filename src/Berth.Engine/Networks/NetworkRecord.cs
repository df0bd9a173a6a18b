using System.Text.Json.Serialization;

namespace Berth.Engine.Networks;

// What the engine keeps about one network, as networks/<id>.json. Subnet and gateway are fixed at creation (the
// default bridge's too), so a daemon restart brings every network back on the same addresses.
public sealed class NetworkRecord
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    // "bridge", "host" or "null", as dockerd names its drivers.
    public string Driver { get; set; } = NetworkDrivers.Bridge;
    public string Created { get; set; } = "";
    public string? Subnet { get; set; }
    public string? Gateway { get; set; }
    public string? IpRange { get; set; }
    public bool Internal { get; set; }
    public bool Attachable { get; set; }
    public Dictionary<string, string> Labels { get; set; } = [];
    public Dictionary<string, string> Options { get; set; } = [];
    public string? BridgeName { get; set; }
    // The default bridge: no embedded DNS (containers find each other only by IP, as on docker0).
    public bool IsDefaultBridge { get; set; }

    [JsonIgnore] public bool IsBuiltIn => IsDefaultBridge || Driver != NetworkDrivers.Bridge;
}

public static class NetworkDrivers
{
    public const string Bridge = "bridge";
    public const string Host = "host";
    public const string Null = "null";
}

[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(NetworkRecord))]
internal sealed partial class NetworkRecordJsonContext : JsonSerializerContext;
