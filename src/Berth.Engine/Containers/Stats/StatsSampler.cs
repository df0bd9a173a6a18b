using Berth.Api.Models.Containers;
using Berth.Linux.Cgroups;
using Berth.Linux.Stats;
using Berth.Runtime.Logs;
using CgroupMemory = Berth.Linux.Cgroups.MemoryStats;

namespace Berth.Engine.Containers.Stats;

// One sample of a running container's resource use, shaped as dockerd's stats: cgroup counters for CPU, memory,
// pids and block I/O, the host's CPU time to compare them with, and the counters of the container's interfaces.
public static class StatsSampler
{
    public static ContainerStatsResponse Sample(CgroupManager cgroup, int pid, bool ownNetwork, DateTime now)
    {
        var s = new ContainerStatsResponse { Read = GoTimestamp.Format(now) };

        if (cgroup.ReadCpu() is { } cpu)
        {
            var perCpu = CgroupCounters.PerCpuUsage(cgroup);
            s.CpuStats = new CpuStatsBlock
            {
                CpuUsage = new CpuUsage
                {
                    TotalUsage = (ulong)cpu.UsageNanos,
                    PercpuUsage = perCpu.Count > 0 ? [.. perCpu] : null,
                    UsageInKernelmode = (ulong)(cpu.SystemNanos ?? 0),
                    UsageInUsermode = (ulong)(cpu.UserNanos ?? 0),
                },
                ThrottlingData = new ThrottlingData
                {
                    Periods = (ulong)cpu.Periods,
                    ThrottledPeriods = (ulong)cpu.ThrottledPeriods,
                    ThrottledTime = (ulong)cpu.ThrottledNanos,
                },
            };
        }
        s.CpuStats.SystemUsage = HostStats.SystemCpuNanos();
        s.CpuStats.OnlineCpus = (uint)HostStats.OnlineCpus();

        if (cgroup.ReadMemory() is { } memory) s.MemoryStats = Memory(memory, HostStats.MemoryTotal(), ReadFailcnt(cgroup));

        s.PidsStats = new PidsStats
        {
            Current = cgroup.ReadPidsCurrent() is { } current and > 0 ? (ulong)current : null,
            Limit = CgroupCounters.PidsLimit(cgroup),
        };
        s.BlkioStats = new BlkioStats
        {
            IoServiceBytesRecursive = Entries(CgroupCounters.BlockIo(cgroup, serviced: false)),
            IoServicedRecursive = Entries(CgroupCounters.BlockIo(cgroup, serviced: true)),
        };
        if (ownNetwork && pid > 0) s.Networks = Networks(HostStats.NetworkInterfaces(pid));
        return s;
    }

    // An unlimited container's limit is the host's memory, as dockerd reports it.
    public static MemoryStatsBlock Memory(CgroupMemory m, ulong hostMemory, ulong? failcnt)
    {
        var limit = m.Limit is { } l && (hostMemory == 0 || (ulong)l <= hostMemory) ? (ulong)l : hostMemory;
        return new MemoryStatsBlock
        {
            Usage = (ulong)m.Usage,
            MaxUsage = m.MaxUsage is > 0 and var max ? (ulong)max : null,
            Stats = m.Stat.ToDictionary(kv => kv.Key, kv => (ulong)Math.Max(0, kv.Value)),
            Failcnt = failcnt is > 0 ? failcnt : null,
            Limit = limit,
        };
    }

    private static ulong? ReadFailcnt(CgroupManager cgroup)
    {
        if (cgroup.Mode == CgroupMode.V2 || cgroup.PathFor("memory") is not { } dir) return null;
        try { return ulong.TryParse(File.ReadAllText(Path.Combine(dir, "memory.failcnt")).Trim(), out var v) ? v : null; }
        catch (IOException) { return null; }
    }

    private static List<BlkioStatEntry>? Entries(IReadOnlyList<BlkioEntry> entries) =>
        entries.Count == 0 ? null : entries.Select(e => new BlkioStatEntry { Major = e.Major, Minor = e.Minor, Op = e.Op, Value = e.Value }).ToList();

    private static Dictionary<string, NetworkStats>? Networks(IReadOnlyList<InterfaceCounters> interfaces) =>
        interfaces.Count == 0 ? null : interfaces.ToDictionary(i => i.Name, i => new NetworkStats
        {
            RxBytes = i.RxBytes, RxPackets = i.RxPackets, RxErrors = i.RxErrors, RxDropped = i.RxDropped,
            TxBytes = i.TxBytes, TxPackets = i.TxPackets, TxErrors = i.TxErrors, TxDropped = i.TxDropped,
        });
}
