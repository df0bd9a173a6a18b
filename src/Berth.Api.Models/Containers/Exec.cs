namespace Berth.Api.Models.Containers;

// POST /containers/{id}/exec.
public sealed class ExecConfig
{
    public bool AttachStdin { get; set; }
    public bool AttachStdout { get; set; }
    public bool AttachStderr { get; set; }
    public List<uint>? ConsoleSize { get; set; }
    public string? DetachKeys { get; set; }
    public bool Tty { get; set; }
    public List<string>? Env { get; set; }
    public List<string>? Cmd { get; set; }
    public bool Privileged { get; set; }
    public string? User { get; set; }
    public string? WorkingDir { get; set; }
}

public sealed class IdResponse
{
    public string Id { get; set; } = "";
}

// GET /exec/{id}/json.
public sealed class ExecInspect
{
    public bool CanRemove { get; set; }
    public string? DetachKeys { get; set; }
    public string ID { get; set; } = "";
    public bool Running { get; set; }
    public int? ExitCode { get; set; }
    public ExecProcessConfig? ProcessConfig { get; set; }
    public bool OpenStdin { get; set; }
    public bool OpenStderr { get; set; }
    public bool OpenStdout { get; set; }
    public string? ContainerID { get; set; }
    public int Pid { get; set; }
}

public sealed class ExecProcessConfig
{
    public bool privileged { get; set; }
    public string? user { get; set; }
    public bool tty { get; set; }
    public string? entrypoint { get; set; }
    public List<string>? arguments { get; set; }
}

// POST /exec/{id}/start.
public sealed class ExecStartConfig
{
    public bool Detach { get; set; }
    public bool Tty { get; set; }
    public List<uint>? ConsoleSize { get; set; }
}
