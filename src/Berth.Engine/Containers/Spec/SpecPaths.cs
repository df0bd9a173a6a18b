namespace Berth.Engine.Containers.Spec;

// Where the engine put a container's pieces on the host, decided before the spec is built.
// NetworkNamespace is the namespace the container joins (made by the daemon or another container's); null for
// a new empty one. VolumeSources maps a named volume's name, or an anonymous volume's destination, to its host directory.
public sealed record SpecPaths(
    string ContainerId,
    string Rootfs,
    string? HostnamePath = null,
    string? HostsPath = null,
    string? ResolvConfPath = null,
    IReadOnlyDictionary<string, string>? VolumeSources = null,
    string CgroupParent = "/berth",
    ContainerInit? Init = null,
    string? NetworkNamespace = null);

// The facts about the host that Docker validates a container's resources against.
public sealed record SpecHost(int CpuCount)
{
    public static SpecHost Current => new(Environment.ProcessorCount);
}
