namespace Berth.Linux.Cgroups;

// Memory accounting of a cgroup in bytes. Limit is null when unlimited;
// MaxUsage is null where the kernel does not track a peak (v2 before 5.19).
public sealed record MemoryStats(long Usage, long? Limit, long? MaxUsage, long OomKills, IReadOnlyDictionary<string, long> Stat);

// CPU time in nanoseconds plus CFS throttling counters.
public sealed record CpuStats(long UsageNanos, long? UserNanos, long? SystemNanos, long Periods, long ThrottledPeriods, long ThrottledNanos);

internal static class CgroupStatsReader
{
    // v1 reports "unlimited" as LONG_MAX rounded down to a page.
    private const long UnlimitedV1 = 0x7FFFFFFFFFFFF000 - 0x100000;

    public static MemoryStats? ReadMemory(CgroupKnobs k)
    {
        if (k.V2)
        {
            if (k.ReadLong("memory.current") is not { } current) return null;
            var max = k.Read("memory.max");
            return new MemoryStats(current,
                max is null or "max" ? null : long.Parse(max, System.Globalization.CultureInfo.InvariantCulture),
                k.ReadLong("memory.peak"),
                k.ReadFlatKeyed("memory.events").GetValueOrDefault("oom_kill"),
                k.ReadFlatKeyed("memory.stat"));
        }
        if (k.ReadLong("memory.usage_in_bytes") is not { } usage) return null;
        var limit = k.ReadLong("memory.limit_in_bytes");
        return new MemoryStats(usage,
            limit is { } l && l < UnlimitedV1 ? l : null,
            k.ReadLong("memory.max_usage_in_bytes"),
            k.ReadFlatKeyed("memory.oom_control").GetValueOrDefault("oom_kill"),
            k.ReadFlatKeyed("memory.stat"));
    }

    public static CpuStats? ReadCpuV2(CgroupKnobs k)
    {
        var stat = k.ReadFlatKeyed("cpu.stat");
        if (!stat.TryGetValue("usage_usec", out var usage)) return null;
        return new CpuStats(usage * 1000,
            stat.TryGetValue("user_usec", out var u) ? u * 1000 : null,
            stat.TryGetValue("system_usec", out var s) ? s * 1000 : null,
            stat.GetValueOrDefault("nr_periods"), stat.GetValueOrDefault("nr_throttled"),
            stat.GetValueOrDefault("throttled_usec") * 1000);
    }

    // v1 splits usage (cpuacct) from throttling (cpu), possibly on two mounts.
    public static CpuStats? ReadCpuV1(CgroupKnobs? cpuacct, CgroupKnobs? cpu)
    {
        if (cpuacct is not { } a || a.ReadLong("cpuacct.usage") is not { } usage) return null;
        long? user = a.ReadLong("cpuacct.usage_user"), system = a.ReadLong("cpuacct.usage_sys");
        if (user is null || system is null)
        {
            // cpuacct.stat is in USER_HZ ticks, which Linux fixes at 100.
            var ticks = a.ReadFlatKeyed("cpuacct.stat");
            user ??= ticks.TryGetValue("user", out var tu) ? tu * 10_000_000 : null;
            system ??= ticks.TryGetValue("system", out var ts) ? ts * 10_000_000 : null;
        }
        var stat = cpu?.ReadFlatKeyed("cpu.stat") ?? [];
        return new CpuStats(usage, user, system,
            stat.GetValueOrDefault("nr_periods"), stat.GetValueOrDefault("nr_throttled"), stat.GetValueOrDefault("throttled_time"));
    }
}
