using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Berth.Api.Models.Containers;

// GET /containers/{id}/stats: one sample of a container's resource use, with dockerd's snake_case names. Fields
// Go marks omitempty are nullable here and left out when null; the others are always written.
public sealed class ContainerStatsResponse
{
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("read")] public string Read { get; set; } = ZeroTime;
    [JsonPropertyName("preread")] public string PreRead { get; set; } = ZeroTime;
    [JsonPropertyName("pids_stats")] public PidsStats PidsStats { get; set; } = new();
    [JsonPropertyName("blkio_stats")] public BlkioStats BlkioStats { get; set; } = new();
    [JsonPropertyName("num_procs")] public uint NumProcs { get; set; }
    [JsonPropertyName("storage_stats")] public StorageStats StorageStats { get; set; } = new();
    [JsonPropertyName("cpu_stats")] public CpuStatsBlock CpuStats { get; set; } = new();
    [JsonPropertyName("precpu_stats")] public CpuStatsBlock PreCpuStats { get; set; } = new();
    [JsonPropertyName("memory_stats")] public MemoryStatsBlock MemoryStats { get; set; } = new();
    [JsonPropertyName("networks")] public Dictionary<string, NetworkStats>? Networks { get; set; }

    public const string ZeroTime = "0001-01-01T00:00:00Z";
}

public sealed class PidsStats
{
    [JsonPropertyName("current")] public ulong? Current { get; set; }
    [JsonPropertyName("limit")] public ulong? Limit { get; set; }
}

public sealed class BlkioStats
{
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)][JsonPropertyName("io_service_bytes_recursive")] public List<BlkioStatEntry>? IoServiceBytesRecursive { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)][JsonPropertyName("io_serviced_recursive")] public List<BlkioStatEntry>? IoServicedRecursive { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)][JsonPropertyName("io_queue_recursive")] public List<BlkioStatEntry>? IoQueueRecursive { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)][JsonPropertyName("io_service_time_recursive")] public List<BlkioStatEntry>? IoServiceTimeRecursive { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)][JsonPropertyName("io_wait_time_recursive")] public List<BlkioStatEntry>? IoWaitTimeRecursive { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)][JsonPropertyName("io_merged_recursive")] public List<BlkioStatEntry>? IoMergedRecursive { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)][JsonPropertyName("io_time_recursive")] public List<BlkioStatEntry>? IoTimeRecursive { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)][JsonPropertyName("sectors_recursive")] public List<BlkioStatEntry>? SectorsRecursive { get; set; }
}

public sealed class BlkioStatEntry
{
    [JsonPropertyName("major")] public ulong Major { get; set; }
    [JsonPropertyName("minor")] public ulong Minor { get; set; }
    [JsonPropertyName("op")] public string Op { get; set; } = "";
    [JsonPropertyName("value")] public ulong Value { get; set; }
}

public sealed class StorageStats
{
    [JsonPropertyName("read_count_normalized")] public ulong? ReadCountNormalized { get; set; }
    [JsonPropertyName("read_size_bytes")] public ulong? ReadSizeBytes { get; set; }
    [JsonPropertyName("write_count_normalized")] public ulong? WriteCountNormalized { get; set; }
    [JsonPropertyName("write_size_bytes")] public ulong? WriteSizeBytes { get; set; }
}

public sealed class CpuStatsBlock
{
    [JsonPropertyName("cpu_usage")] public CpuUsage CpuUsage { get; set; } = new();
    [JsonPropertyName("system_cpu_usage")] public ulong? SystemUsage { get; set; }
    [JsonPropertyName("online_cpus")] public uint? OnlineCpus { get; set; }
    [JsonPropertyName("throttling_data")] public ThrottlingData ThrottlingData { get; set; } = new();
}

public sealed class CpuUsage
{
    [JsonPropertyName("total_usage")] public ulong TotalUsage { get; set; }
    [JsonPropertyName("percpu_usage")] public List<ulong>? PercpuUsage { get; set; }
    [JsonPropertyName("usage_in_kernelmode")] public ulong UsageInKernelmode { get; set; }
    [JsonPropertyName("usage_in_usermode")] public ulong UsageInUsermode { get; set; }
}

public sealed class ThrottlingData
{
    [JsonPropertyName("periods")] public ulong Periods { get; set; }
    [JsonPropertyName("throttled_periods")] public ulong ThrottledPeriods { get; set; }
    [JsonPropertyName("throttled_time")] public ulong ThrottledTime { get; set; }
}

public sealed class MemoryStatsBlock
{
    [JsonPropertyName("usage")] public ulong? Usage { get; set; }
    [JsonPropertyName("max_usage")] public ulong? MaxUsage { get; set; }
    [JsonPropertyName("stats")] public Dictionary<string, ulong>? Stats { get; set; }
    [JsonPropertyName("failcnt")] public ulong? Failcnt { get; set; }
    [JsonPropertyName("limit")] public ulong? Limit { get; set; }
}

public sealed class NetworkStats
{
    [JsonPropertyName("rx_bytes")] public ulong RxBytes { get; set; }
    [JsonPropertyName("rx_packets")] public ulong RxPackets { get; set; }
    [JsonPropertyName("rx_errors")] public ulong RxErrors { get; set; }
    [JsonPropertyName("rx_dropped")] public ulong RxDropped { get; set; }
    [JsonPropertyName("tx_bytes")] public ulong TxBytes { get; set; }
    [JsonPropertyName("tx_packets")] public ulong TxPackets { get; set; }
    [JsonPropertyName("tx_errors")] public ulong TxErrors { get; set; }
    [JsonPropertyName("tx_dropped")] public ulong TxDropped { get; set; }
}

// Go's omitempty is null-skipping here; the blkio lists are written as null when empty, as Go writes nil slices.
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ContainerStatsResponse))]
public sealed partial class ContainerStatsJsonContext : JsonSerializerContext
{
    public static ContainerStatsJsonContext Relaxed { get; } = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    });
}
