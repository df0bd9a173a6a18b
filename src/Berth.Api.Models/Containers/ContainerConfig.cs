namespace Berth.Api.Models.Containers;

// The container's own configuration ("Config" of inspect; the top level of a create body).
// Keys are the C# names, as swagger.yaml (API 1.50) spells them; Docker sends null for unset lists and maps.
public class ContainerConfig
{
    public string? Hostname { get; set; }
    public string? Domainname { get; set; }
    public string? User { get; set; }
    public bool AttachStdin { get; set; }
    public bool AttachStdout { get; set; }
    public bool AttachStderr { get; set; }
    public Dictionary<string, EmptyObject>? ExposedPorts { get; set; }
    public bool Tty { get; set; }
    public bool OpenStdin { get; set; }
    public bool StdinOnce { get; set; }
    public List<string>? Env { get; set; }
    public List<string>? Cmd { get; set; }
    public HealthConfig? Healthcheck { get; set; }
    public bool? ArgsEscaped { get; set; }
    public string? Image { get; set; }
    public Dictionary<string, EmptyObject>? Volumes { get; set; }
    public string? WorkingDir { get; set; }
    public List<string>? Entrypoint { get; set; }
    public bool? NetworkDisabled { get; set; }
    public string? MacAddress { get; set; }
    public List<string>? OnBuild { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
    public string? StopSignal { get; set; }
    public int? StopTimeout { get; set; }
    public List<string>? Shell { get; set; }
}

// The "{}" value of Go's map[string]struct{} (ExposedPorts, Volumes).
public sealed class EmptyObject;

// A health check; durations are nanoseconds, as Go's time.Duration marshals.
public sealed class HealthConfig
{
    public List<string>? Test { get; set; }
    public long? Interval { get; set; }
    public long? Timeout { get; set; }
    public int? Retries { get; set; }
    public long? StartPeriod { get; set; }
    public long? StartInterval { get; set; }
}
