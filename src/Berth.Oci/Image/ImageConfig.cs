using System.Text.Json.Serialization;

namespace Berth.Oci.Image;

// The image configuration blob (OCI image spec config.md, which is Docker's
// image JSON minus a few Docker-only fields that are kept here too). Its digest
// is the image ID, computed over the stored bytes, never over a re-serialisation
// of this model: see ImageId.
public sealed class ImageConfig
{
    [JsonPropertyName("created")] public DateTimeOffset? Created { get; set; }
    [JsonPropertyName("author")] public string? Author { get; set; }
    [JsonPropertyName("architecture")] public string Architecture { get; set; } = "";
    [JsonPropertyName("os")] public string Os { get; set; } = "";
    [JsonPropertyName("os.version")] public string? OsVersion { get; set; }
    [JsonPropertyName("os.features")] public List<string>? OsFeatures { get; set; }
    [JsonPropertyName("variant")] public string? Variant { get; set; }
    [JsonPropertyName("config")] public ContainerConfig? Config { get; set; }
    [JsonPropertyName("rootfs")] public RootFs RootFs { get; set; } = new();
    [JsonPropertyName("history")] public List<HistoryEntry>? History { get; set; }

    // Docker-only fields, kept so that images Docker built read back whole.
    [JsonPropertyName("container")] public string? Container { get; set; }
    [JsonPropertyName("container_config")] public ContainerConfig? ContainerConfig { get; set; }
    [JsonPropertyName("docker_version")] public string? DockerVersion { get; set; }
    [JsonPropertyName("comment")] public string? Comment { get; set; }
}

// What a container made from the image runs by default. Docker writes these
// keys in PascalCase and the OCI spec kept them.
public sealed class ContainerConfig
{
    [JsonPropertyName("Hostname")] public string? Hostname { get; set; }
    [JsonPropertyName("Domainname")] public string? Domainname { get; set; }
    [JsonPropertyName("User")] public string? User { get; set; }
    [JsonPropertyName("ExposedPorts")] public Dictionary<string, EmptyObject>? ExposedPorts { get; set; }
    [JsonPropertyName("Env")] public List<string>? Env { get; set; }
    [JsonPropertyName("Entrypoint")] public List<string>? Entrypoint { get; set; }
    [JsonPropertyName("Cmd")] public List<string>? Cmd { get; set; }
    [JsonPropertyName("Volumes")] public Dictionary<string, EmptyObject>? Volumes { get; set; }
    [JsonPropertyName("WorkingDir")] public string? WorkingDir { get; set; }
    [JsonPropertyName("Labels")] public Dictionary<string, string>? Labels { get; set; }
    [JsonPropertyName("StopSignal")] public string? StopSignal { get; set; }
    [JsonPropertyName("ArgsEscaped")] public bool? ArgsEscaped { get; set; }
    [JsonPropertyName("Healthcheck")] public HealthcheckConfig? Healthcheck { get; set; }
    [JsonPropertyName("OnBuild")] public List<string>? OnBuild { get; set; }
    [JsonPropertyName("Shell")] public List<string>? Shell { get; set; }
    [JsonPropertyName("StopTimeout")] public int? StopTimeout { get; set; }
    [JsonPropertyName("Image")] public string? Image { get; set; }
    [JsonPropertyName("AttachStdin")] public bool? AttachStdin { get; set; }
    [JsonPropertyName("AttachStdout")] public bool? AttachStdout { get; set; }
    [JsonPropertyName("AttachStderr")] public bool? AttachStderr { get; set; }
    [JsonPropertyName("Tty")] public bool? Tty { get; set; }
    [JsonPropertyName("OpenStdin")] public bool? OpenStdin { get; set; }
    [JsonPropertyName("StdinOnce")] public bool? StdinOnce { get; set; }
}

// Docker's HEALTHCHECK; durations are nanoseconds, as Go's time.Duration marshals.
public sealed class HealthcheckConfig
{
    [JsonPropertyName("Test")] public List<string>? Test { get; set; }
    [JsonPropertyName("Interval")] public long? Interval { get; set; }
    [JsonPropertyName("Timeout")] public long? Timeout { get; set; }
    [JsonPropertyName("StartPeriod")] public long? StartPeriod { get; set; }
    [JsonPropertyName("StartInterval")] public long? StartInterval { get; set; }
    [JsonPropertyName("Retries")] public int? Retries { get; set; }
}

// The layers, bottom first, by diff ID (digest of the uncompressed tar).
public sealed class RootFs
{
    [JsonPropertyName("type")] public string Type { get; set; } = "layers";
    [JsonPropertyName("diff_ids")] public List<Digest> DiffIds { get; set; } = [];
}

public sealed class HistoryEntry
{
    [JsonPropertyName("created")] public DateTimeOffset? Created { get; set; }
    [JsonPropertyName("created_by")] public string? CreatedBy { get; set; }
    [JsonPropertyName("author")] public string? Author { get; set; }
    [JsonPropertyName("comment")] public string? Comment { get; set; }
    [JsonPropertyName("empty_layer")] public bool? EmptyLayer { get; set; }
}

// The "{}" value of Go's map[string]struct{} (ExposedPorts, Volumes).
public sealed class EmptyObject;
