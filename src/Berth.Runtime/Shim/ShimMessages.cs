using System.Text.Json;
using System.Text.Json.Serialization;

namespace Berth.Runtime.Shim;

// The first line of every connection to a shim's socket.
public sealed class ShimRequest
{
    public string Op { get; set; } = "";
    public bool Stdin { get; set; }
    public bool Stdout { get; set; }
    public bool Stderr { get; set; }
    public int Height { get; set; }
    public int Width { get; set; }
    public string? ExecId { get; set; }
    public int Signal { get; set; }
    public JsonElement? Process { get; set; }
    public bool Tty { get; set; }
    public bool Detach { get; set; }
}

public sealed class ShimReply
{
    public bool? Ok { get; set; }
    public string? Error { get; set; }
    public int? Pid { get; set; }
}

// How the container ended, as the exit file and the wait reply carry it.
public sealed record ShimExit(int ExitCode, bool OOMKilled, string FinishedAt);

public sealed class ShimState
{
    public int Pid { get; set; }
    public string Status { get; set; } = "";
}

public sealed class ExecExit
{
    public int ExitCode { get; set; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ShimRequest))]
[JsonSerializable(typeof(ShimReply))]
[JsonSerializable(typeof(ShimExit))]
[JsonSerializable(typeof(ShimState))]
[JsonSerializable(typeof(ExecExit))]
internal sealed partial class ShimJsonContext : JsonSerializerContext;
