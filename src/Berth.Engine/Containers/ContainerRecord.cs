using System.Text.Json.Serialization;
using Berth.Api.Models.Containers;

namespace Berth.Engine.Containers;

// Everything the engine keeps about one container across daemon restarts, as container.json in its directory.
public sealed class ContainerRecord
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string Created { get; set; } = "";
    public string Image { get; set; } = "";
    public string ImageId { get; set; } = "";
    public string Path { get; set; } = "";
    public List<string> Args { get; set; } = [];
    public ContainerConfig Config { get; set; } = new();
    public HostConfig HostConfig { get; set; } = new();
    public string StopSignal { get; set; } = "SIGTERM";

    // "created", "running", "paused", "restarting", "removing", "exited" or "dead".
    public string Status { get; set; } = "created";
    public int Pid { get; set; }
    public int ShimPid { get; set; }
    public int ExitCode { get; set; }
    public bool OOMKilled { get; set; }
    public string Error { get; set; } = "";
    public string StartedAt { get; set; } = ZeroTime;
    public string FinishedAt { get; set; } = ZeroTime;
    public int RestartCount { get; set; }
    public bool HasBeenStarted { get; set; }
    public bool RootfsMounted { get; set; }
    public List<Berth.Engine.Volumes.ContainerVolume>? Volumes { get; set; }
    // A user stopped or killed it: unless-stopped then no longer restarts it, not even after a daemon restart.
    public bool HasBeenManuallyStopped { get; set; }
    public Berth.Api.Models.Containers.Health? Health { get; set; }
    // Networks by name, in the order joined (the first gives the default route); the namespace they live in
    // and the ports published while the container runs.
    public Dictionary<string, Berth.Engine.Networks.ContainerEndpoint>? Networks { get; set; }
    public string? SandboxKey { get; set; }
    public List<Berth.Engine.Networks.PublishedPort>? Ports { get; set; }

    public const string ZeroTime = "0001-01-01T00:00:00Z";

    [JsonIgnore] public bool IsRunning => Status is "running" or "paused" or "restarting";
}

[JsonSourceGenerationOptions(WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ContainerRecord))]
internal sealed partial class ContainerRecordJsonContext : JsonSerializerContext;
