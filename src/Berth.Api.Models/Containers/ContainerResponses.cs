namespace Berth.Api.Models.Containers;

// POST /containers/{id}/wait.
public sealed class ContainerWaitResponse
{
    public long StatusCode { get; set; }
    public ContainerWaitError? Error { get; set; }
}

public sealed class ContainerWaitError
{
    public string? Message { get; set; }
}

// GET /containers/{id}/top.
public sealed class ContainerTopResponse
{
    public List<string>? Titles { get; set; }
    public List<List<string>>? Processes { get; set; }
}

// One entry of GET /containers/{id}/changes; Kind is 0 modified, 1 added, 2 deleted.
public sealed class ContainerChange
{
    public string Path { get; set; } = "";
    public int Kind { get; set; }
}

// POST /containers/{id}/update: the resource fields of HostConfig and the restart policy.
public sealed class ContainerUpdate
{
    public long CpuShares { get; set; }
    public long Memory { get; set; }
    public string? CgroupParent { get; set; }
    public ushort BlkioWeight { get; set; }
    public long CpuPeriod { get; set; }
    public long CpuQuota { get; set; }
    public long CpuRealtimePeriod { get; set; }
    public long CpuRealtimeRuntime { get; set; }
    public string? CpusetCpus { get; set; }
    public string? CpusetMems { get; set; }
    public List<DeviceMapping>? Devices { get; set; }
    public long MemoryReservation { get; set; }
    public long MemorySwap { get; set; }
    public long? MemorySwappiness { get; set; }
    public long NanoCpus { get; set; }
    public bool? OomKillDisable { get; set; }
    public long? PidsLimit { get; set; }
    public List<Ulimit>? Ulimits { get; set; }
    public RestartPolicy? RestartPolicy { get; set; }
}

public sealed class ContainerUpdateResponse
{
    public List<string> Warnings { get; set; } = [];
}

// POST /containers/prune.
public sealed class ContainerPruneResponse
{
    public List<string>? ContainersDeleted { get; set; }
    public ulong SpaceReclaimed { get; set; }
}
