using System.Globalization;
using Berth.Api.Models.Containers;

namespace Berth.Cli.Formatting.Rows;

// What `stats` shows of one sample, computed as the docker CLI does on Linux: CPU % from the deltas against the
// sample's precpu, memory without the inactive page cache, block I/O summed over devices.
public sealed record StatsEntry(string Name, string Id, double CpuPercent, double Memory, double MemoryLimit, double MemoryPercent,
    double NetworkRx, double NetworkTx, double BlockRead, double BlockWrite, ulong Pids)
{
    // Before its first sample a container has no name or ID yet, as in docker.
    public static StatsEntry Empty() => new("", "", 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public static StatsEntry From(ContainerStatsResponse v)
    {
        var memory = MemoryWithoutCache(v.MemoryStats);
        var limit = (double)(v.MemoryStats.Limit ?? 0);
        var (rx, tx) = Network(v.Networks);
        var (read, write) = BlockIo(v.BlkioStats);
        return new StatsEntry(v.Name ?? "", v.Id ?? "", CpuPercentOf(v), memory, limit, limit != 0 ? memory / limit * 100.0 : 0,
            rx, tx, read, write, v.PidsStats.Current ?? 0);
    }

    public static double CpuPercentOf(ContainerStatsResponse v)
    {
        var cpuDelta = (double)v.CpuStats.CpuUsage.TotalUsage - v.PreCpuStats.CpuUsage.TotalUsage;
        var systemDelta = (double)(v.CpuStats.SystemUsage ?? 0) - (v.PreCpuStats.SystemUsage ?? 0);
        double online = v.CpuStats.OnlineCpus ?? 0;
        if (online == 0) online = v.CpuStats.CpuUsage.PercpuUsage?.Count ?? 0;
        return systemDelta > 0 && cpuDelta > 0 ? cpuDelta / systemDelta * online * 100.0 : 0;
    }

    // cgroup v1 counts the page cache in usage: docker subtracts total_inactive_file (v1) or inactive_file (v2).
    public static double MemoryWithoutCache(MemoryStatsBlock m)
    {
        var usage = m.Usage ?? 0;
        var stats = m.Stats ?? [];
        if (stats.TryGetValue("total_inactive_file", out var v1) && v1 < usage) return usage - v1;
        var v2 = stats.GetValueOrDefault("inactive_file");
        return v2 < usage ? usage - v2 : usage;
    }

    private static (double, double) Network(Dictionary<string, NetworkStats>? networks)
    {
        double rx = 0, tx = 0;
        foreach (var n in (networks ?? []).Values)
        {
            rx += n.RxBytes;
            tx += n.TxBytes;
        }
        return (rx, tx);
    }

    private static (double, double) BlockIo(BlkioStats blkio)
    {
        double read = 0, write = 0;
        foreach (var e in blkio.IoServiceBytesRecursive ?? [])
        {
            if (e.Op.Length == 0) continue;
            if (e.Op[0] is 'r' or 'R') read += e.Value;
            else if (e.Op[0] is 'w' or 'W') write += e.Value;
        }
        return (read, write);
    }
}

// The columns of `stats` and their --format fields.
public static class StatsRows
{
    public const string DefaultTable = "table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}";

    public static readonly Dictionary<string, string> Headers = new(StringComparer.Ordinal)
    {
        ["Container"] = "CONTAINER", ["ID"] = "CONTAINER ID", ["Name"] = "NAME", ["CPUPerc"] = "CPU %",
        ["MemUsage"] = "MEM USAGE / LIMIT", ["MemPerc"] = "MEM %", ["NetIO"] = "NET I/O", ["BlockIO"] = "BLOCK I/O", ["PIDs"] = "PIDS",
    };

    // container: what the user named it by (or its ID when listing). invalid: its stats could not be read.
    public static TemplateObject Row(string container, StatsEntry s, bool noTrunc, bool invalid)
    {
        string Percent(double v) => invalid ? "--" : v.ToString("F2", CultureInfo.InvariantCulture) + "%";
        string Pair(double a, double b) => invalid ? "--" : $"{Units.HumanSizeWithPrecision(a, 3)} / {Units.HumanSizeWithPrecision(b, 3)}";
        return TemplateObject.Struct("formatter.statsContext",
        [
            new("BlockIO", Pair(s.BlockRead, s.BlockWrite)),
            new("CPUPerc", Percent(s.CpuPercent)),
            new("Container", container),
            new("ID", noTrunc ? s.Id : Units.TruncateId(s.Id)),
            new("MemPerc", Percent(s.MemoryPercent)),
            new("MemUsage", invalid ? "-- / --" : $"{Units.BytesSize(s.Memory)} / {Units.BytesSize(s.MemoryLimit)}"),
            new("Name", s.Name.Length > 1 ? s.Name[1..] : "--"),
            new("NetIO", Pair(s.NetworkRx, s.NetworkTx)),
            new("PIDs", invalid ? "--" : s.Pids.ToString(CultureInfo.InvariantCulture)),
        ]);
    }
}
