using System.Text.Json.Serialization;

namespace Berth.Api.Models;

// GET /version.
public sealed class SystemVersion
{
    public PlatformName? Platform { get; set; }
    public List<ComponentVersion> Components { get; set; } = [];
    public string Version { get; set; } = "";
    public string ApiVersion { get; set; } = "";
    [JsonPropertyName("MinAPIVersion")]
    public string MinApiVersion { get; set; } = "";
    public string GitCommit { get; set; } = "";
    public string GoVersion { get; set; } = "";
    public string Os { get; set; } = "";
    public string Arch { get; set; } = "";
    public string KernelVersion { get; set; } = "";
    public bool Experimental { get; set; }
    public string BuildTime { get; set; } = "";
}

public sealed class PlatformName
{
    public string Name { get; set; } = "";
}

public sealed class ComponentVersion
{
    public string Name { get; set; } = "";
    public string Version { get; set; } = "";
    public Dictionary<string, string>? Details { get; set; }
}
