using System.Text.Json.Serialization;
namespace Berth.Oci.Runtime;

// The OCI runtime specification's config.json (runtime-spec 1.2, Linux parts).
// Property names follow the spec through the camelCase policy of OciJsonContext;
// unknown fields are ignored, as runc ignores them.

public sealed class RuntimeSpec
{
    public string OciVersion { get; set; } = "1.2.0";
    public ProcessSpec? Process { get; set; }
    public RootSpec? Root { get; set; }
    public string? Hostname { get; set; }
    public string? Domainname { get; set; }
    public List<MountSpec>? Mounts { get; set; }
    public HooksSpec? Hooks { get; set; }
    public Dictionary<string, string>? Annotations { get; set; }
    public LinuxSpec? Linux { get; set; }
}

public sealed class ProcessSpec
{
    public bool Terminal { get; set; }
    public ConsoleSize? ConsoleSize { get; set; }
    public UserSpec User { get; set; } = new();
    public List<string>? Args { get; set; }
    public List<string>? Env { get; set; }
    public string Cwd { get; set; } = "/";
    public CapabilitiesSpec? Capabilities { get; set; }
    public List<RlimitSpec>? Rlimits { get; set; }
    public bool NoNewPrivileges { get; set; }
    public string? ApparmorProfile { get; set; }
    public int? OomScoreAdj { get; set; }
    public string? SelinuxLabel { get; set; }
}

public sealed class ConsoleSize
{
    public uint Height { get; set; }
    public uint Width { get; set; }
}

public sealed class UserSpec
{
    public uint Uid { get; set; }
    public uint Gid { get; set; }
    public uint? Umask { get; set; }
    public List<uint>? AdditionalGids { get; set; }
}

public sealed class CapabilitiesSpec
{
    public List<string>? Bounding { get; set; }
    public List<string>? Effective { get; set; }
    public List<string>? Inheritable { get; set; }
    public List<string>? Permitted { get; set; }
    public List<string>? Ambient { get; set; }
}

public sealed class RlimitSpec
{
    public string Type { get; set; } = "";
    public ulong Hard { get; set; }
    public ulong Soft { get; set; }
}

public sealed class RootSpec
{
    public string Path { get; set; } = "";
    public bool Readonly { get; set; }
}

public sealed class MountSpec
{
    public string Destination { get; set; } = "";
    public string? Type { get; set; }
    public string? Source { get; set; }
    public List<string>? Options { get; set; }
}

public sealed class HooksSpec
{
    public List<HookSpec>? Prestart { get; set; }
    public List<HookSpec>? CreateRuntime { get; set; }
    public List<HookSpec>? CreateContainer { get; set; }
    public List<HookSpec>? StartContainer { get; set; }
    public List<HookSpec>? Poststart { get; set; }
    public List<HookSpec>? Poststop { get; set; }
}

public sealed class HookSpec
{
    public string Path { get; set; } = "";
    public List<string>? Args { get; set; }
    public List<string>? Env { get; set; }
    public int? Timeout { get; set; }
}

public sealed class LinuxSpec
{
    public List<NamespaceSpec>? Namespaces { get; set; }
    public List<IdMapping>? UidMappings { get; set; }
    public List<IdMapping>? GidMappings { get; set; }
    public List<DeviceSpec>? Devices { get; set; }
    public string? CgroupsPath { get; set; }
    public ResourcesSpec? Resources { get; set; }
    public string? RootfsPropagation { get; set; }
    public SeccompSpec? Seccomp { get; set; }
    public Dictionary<string, string>? Sysctl { get; set; }
    public List<string>? MaskedPaths { get; set; }
    public List<string>? ReadonlyPaths { get; set; }
    public string? MountLabel { get; set; }
}

public sealed class NamespaceSpec
{
    public string Type { get; set; } = "";
    public string? Path { get; set; }
}

public sealed class IdMapping
{
    public uint ContainerID { get; set; }
    public uint HostID { get; set; }
    public uint Size { get; set; }
}

public sealed class DeviceSpec
{
    public string Type { get; set; } = "";
    public string Path { get; set; } = "";
    public long Major { get; set; }
    public long Minor { get; set; }
    public uint? FileMode { get; set; }
    public uint? Uid { get; set; }
    public uint? Gid { get; set; }
}

public sealed class ResourcesSpec
{
    public List<DeviceCgroupRule>? Devices { get; set; }
    public MemorySpec? Memory { get; set; }
    public CpuSpec? Cpu { get; set; }
    public PidsSpec? Pids { get; set; }
    public BlockIoSpec? BlockIO { get; set; }
    public List<HugepageLimit>? HugepageLimits { get; set; }
    public Dictionary<string, string>? Unified { get; set; }
}

public sealed class DeviceCgroupRule
{
    public bool Allow { get; set; }
    public string? Type { get; set; }
    public long? Major { get; set; }
    public long? Minor { get; set; }
    public string? Access { get; set; }
}

public sealed class MemorySpec
{
    public long? Limit { get; set; }
    public long? Reservation { get; set; }
    public long? Swap { get; set; }
    public long? Kernel { get; set; }
    public long? KernelTCP { get; set; }
    public ulong? Swappiness { get; set; }
    public bool? DisableOOMKiller { get; set; }
}

public sealed class CpuSpec
{
    public ulong? Shares { get; set; }
    public long? Quota { get; set; }
    public ulong? Period { get; set; }
    public long? RealtimeRuntime { get; set; }
    public ulong? RealtimePeriod { get; set; }
    public string? Cpus { get; set; }
    public string? Mems { get; set; }
    public long? Idle { get; set; }
}

public sealed class PidsSpec
{
    public long Limit { get; set; }
}

public sealed class BlockIoSpec
{
    public ushort? Weight { get; set; }
    public ushort? LeafWeight { get; set; }
    public List<WeightDevice>? WeightDevice { get; set; }
    public List<ThrottleDevice>? ThrottleReadBpsDevice { get; set; }
    public List<ThrottleDevice>? ThrottleWriteBpsDevice { get; set; }
    public List<ThrottleDevice>? ThrottleReadIOPSDevice { get; set; }
    public List<ThrottleDevice>? ThrottleWriteIOPSDevice { get; set; }
}

public sealed class WeightDevice
{
    public long Major { get; set; }
    public long Minor { get; set; }
    public ushort? Weight { get; set; }
    public ushort? LeafWeight { get; set; }
}

public sealed class ThrottleDevice
{
    public long Major { get; set; }
    public long Minor { get; set; }
    public ulong Rate { get; set; }
}

public sealed class HugepageLimit
{
    public string PageSize { get; set; } = "";
    public ulong Limit { get; set; }
}

public sealed class SeccompSpec
{
    public string DefaultAction { get; set; } = "";
    public uint? DefaultErrnoRet { get; set; }
    public List<string>? Architectures { get; set; }
    public List<string>? Flags { get; set; }
    public string? ListenerPath { get; set; }
    public List<SeccompSyscall>? Syscalls { get; set; }

    // The profile's JSON exactly as config.json has it, when it was read from one (RuntimeSpecReader): the seccomp
    // cache keys on it, rather than serializing the profile again on every create.
    [JsonIgnore]
    public byte[]? SourceJson { get; set; }
}

public sealed class SeccompSyscall
{
    public List<string> Names { get; set; } = [];
    public string Action { get; set; } = "";
    public uint? ErrnoRet { get; set; }
    public List<SeccompArg>? Args { get; set; }
}

public sealed class SeccompArg
{
    public uint Index { get; set; }
    public ulong Value { get; set; }
    public ulong ValueTwo { get; set; }
    public string Op { get; set; } = "";
}
