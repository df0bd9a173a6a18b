namespace Berth.Api.Models.Containers;

// HostConfig.Mounts: one --mount.
public sealed class Mount
{
    public string? Target { get; set; }
    public string? Source { get; set; }
    public string? Type { get; set; }
    public bool ReadOnly { get; set; }
    public string? Consistency { get; set; }
    public BindOptions? BindOptions { get; set; }
    public VolumeOptions? VolumeOptions { get; set; }
    public ImageOptions? ImageOptions { get; set; }
    public TmpfsOptions? TmpfsOptions { get; set; }
}

public sealed class BindOptions
{
    public string? Propagation { get; set; }
    public bool NonRecursive { get; set; }
    public bool CreateMountpoint { get; set; }
    public bool ReadOnlyNonRecursive { get; set; }
    public bool ReadOnlyForceRecursive { get; set; }
}

public sealed class VolumeOptions
{
    public bool NoCopy { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
    public DriverConfig? DriverConfig { get; set; }
    public string? Subpath { get; set; }
}

public sealed class DriverConfig
{
    public string? Name { get; set; }
    public Dictionary<string, string>? Options { get; set; }
}

public sealed class ImageOptions
{
    public string? Subpath { get; set; }
}

public sealed class TmpfsOptions
{
    public long SizeBytes { get; set; }
    public uint Mode { get; set; }
    public List<List<string>>? Options { get; set; }
}

// A mount as inspect and ps report it.
public sealed class MountPoint
{
    public string? Type { get; set; }
    public string? Name { get; set; }
    public string? Source { get; set; }
    public string? Destination { get; set; }
    public string? Driver { get; set; }
    public string? Mode { get; set; }
    public bool RW { get; set; }
    public string? Propagation { get; set; }
}
