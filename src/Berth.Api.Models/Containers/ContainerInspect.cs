namespace Berth.Api.Models.Containers;

// GET /containers/{id}/json. Times are Go's RFC 3339 with nanoseconds, kept as the strings the engine wrote.
public sealed class ContainerInspect
{
    public string Id { get; set; } = "";
    public string? Created { get; set; }
    public string? Path { get; set; }
    public List<string>? Args { get; set; }
    public ContainerState? State { get; set; }
    public string? Image { get; set; }
    public string? ResolvConfPath { get; set; }
    public string? HostnamePath { get; set; }
    public string? HostsPath { get; set; }
    public string? LogPath { get; set; }
    public string? Name { get; set; }
    public int RestartCount { get; set; }
    public string? Driver { get; set; }
    public string? Platform { get; set; }
    public string? MountLabel { get; set; }
    public string? ProcessLabel { get; set; }
    public string? AppArmorProfile { get; set; }
    public List<string>? ExecIDs { get; set; }
    public HostConfig? HostConfig { get; set; }
    public GraphDriver? GraphDriver { get; set; }
    public long? SizeRw { get; set; }
    public long? SizeRootFs { get; set; }
    public List<MountPoint>? Mounts { get; set; }
    public ContainerConfig? Config { get; set; }
    public NetworkSettings? NetworkSettings { get; set; }
}

public sealed class ContainerState
{
    // "created", "running", "paused", "restarting", "removing", "exited" or "dead".
    public string? Status { get; set; }
    public bool Running { get; set; }
    public bool Paused { get; set; }
    public bool Restarting { get; set; }
    public bool OOMKilled { get; set; }
    public bool Dead { get; set; }
    public int Pid { get; set; }
    public int ExitCode { get; set; }
    public string? Error { get; set; }
    public string? StartedAt { get; set; }
    public string? FinishedAt { get; set; }
    public Health? Health { get; set; }
}

public sealed class Health
{
    // "none", "starting", "healthy" or "unhealthy".
    public string? Status { get; set; }
    public int FailingStreak { get; set; }
    public List<HealthcheckResult>? Log { get; set; }
}

public sealed class HealthcheckResult
{
    public string? Start { get; set; }
    public string? End { get; set; }
    public int ExitCode { get; set; }
    public string? Output { get; set; }
}

public sealed class GraphDriver
{
    public string Name { get; set; } = "";
    public Dictionary<string, string> Data { get; set; } = [];
}

// Only what containers without a network of their own (none, host) report; bridge fields come with networking.
public sealed class NetworkSettings
{
    public string? Bridge { get; set; }
    public string? SandboxID { get; set; }
    public string? SandboxKey { get; set; }
    public Dictionary<string, List<PortBinding>?>? Ports { get; set; }
    // The default bridge's endpoint repeated at the top level: deprecated, still sent at API 1.50 and read by scripts
    // (`inspect -f '{{.NetworkSettings.IPAddress}}'`).
    public string EndpointID { get; set; } = "";
    public string Gateway { get; set; } = "";
    public string GlobalIPv6Address { get; set; } = "";
    public int GlobalIPv6PrefixLen { get; set; }
    public string IPAddress { get; set; } = "";
    public int IPPrefixLen { get; set; }
    public string IPv6Gateway { get; set; } = "";
    public string MacAddress { get; set; } = "";
    public Dictionary<string, EndpointSettings>? Networks { get; set; }
}
