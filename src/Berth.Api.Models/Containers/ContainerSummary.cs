namespace Berth.Api.Models.Containers;

// One row of GET /containers/json (docker ps).
public sealed class ContainerSummary
{
    public string Id { get; set; } = "";
    public List<string>? Names { get; set; }
    public string? Image { get; set; }
    public string? ImageID { get; set; }
    public string? Command { get; set; }
    public long Created { get; set; }
    public List<Port>? Ports { get; set; }
    public long? SizeRw { get; set; }
    public long? SizeRootFs { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
    public string? State { get; set; }
    public string? Status { get; set; }
    public SummaryHostConfig? HostConfig { get; set; }
    public SummaryNetworkSettings? NetworkSettings { get; set; }
    public List<MountPoint>? Mounts { get; set; }
}

public sealed class Port
{
    public string? IP { get; set; }
    public ushort PrivatePort { get; set; }
    public ushort? PublicPort { get; set; }
    public string? Type { get; set; }
}

public sealed class SummaryHostConfig
{
    public string? NetworkMode { get; set; }
    public Dictionary<string, string>? Annotations { get; set; }
}

public sealed class SummaryNetworkSettings
{
    public Dictionary<string, EndpointSettings>? Networks { get; set; }
}
