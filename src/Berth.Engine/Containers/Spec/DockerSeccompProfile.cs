using System.Text.Json.Serialization;

namespace Berth.Engine.Containers.Spec;

// The seccomp profile format Docker reads (--security-opt seccomp=profile.json; the CLI sends the file's text).
public sealed class DockerSeccompProfile
{
    [JsonPropertyName("defaultAction")] public string DefaultAction { get; set; } = "";
    [JsonPropertyName("defaultErrnoRet")] public uint? DefaultErrnoRet { get; set; }
    [JsonPropertyName("architectures")] public List<string>? Architectures { get; set; }
    [JsonPropertyName("archMap")] public List<SeccompArchMap>? ArchMap { get; set; }
    [JsonPropertyName("flags")] public List<string>? Flags { get; set; }
    [JsonPropertyName("syscalls")] public List<DockerSeccompSyscall>? Syscalls { get; set; }
}

public sealed class SeccompArchMap
{
    [JsonPropertyName("architecture")] public string Architecture { get; set; } = "";
    [JsonPropertyName("subArchitectures")] public List<string>? SubArchitectures { get; set; }
}

public sealed class DockerSeccompSyscall
{
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("names")] public List<string>? Names { get; set; }
    [JsonPropertyName("action")] public string Action { get; set; } = "";
    [JsonPropertyName("errnoRet")] public uint? ErrnoRet { get; set; }
    [JsonPropertyName("args")] public List<DockerSeccompArg>? Args { get; set; }
    [JsonPropertyName("includes")] public SeccompFilterCondition? Includes { get; set; }
    [JsonPropertyName("excludes")] public SeccompFilterCondition? Excludes { get; set; }
}

public sealed class DockerSeccompArg
{
    [JsonPropertyName("index")] public uint Index { get; set; }
    [JsonPropertyName("value")] public ulong Value { get; set; }
    [JsonPropertyName("valueTwo")] public ulong ValueTwo { get; set; }
    [JsonPropertyName("op")] public string Op { get; set; } = "";
}

// When a rule applies: the container has all of Caps, the host is one of Arches, the kernel is at least MinKernel.
public sealed class SeccompFilterCondition
{
    [JsonPropertyName("caps")] public List<string>? Caps { get; set; }
    [JsonPropertyName("arches")] public List<string>? Arches { get; set; }
    [JsonPropertyName("minKernel")] public string? MinKernel { get; set; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DockerSeccompProfile))]
internal sealed partial class SeccompProfileJsonContext : JsonSerializerContext;
