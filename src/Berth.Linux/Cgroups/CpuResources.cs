using Berth.Oci.Runtime;
using static Berth.Linux.Cgroups.CgroupConvert;

namespace Berth.Linux.Cgroups;

// linux.resources.cpu (scheduler part; cpuset is CpusetResources).
internal static class CpuResources
{
    public static void Apply(CgroupKnobs k, CpuSpec c)
    {
        if (k.V2) ApplyV2(k, c);
        else ApplyV1(k, c);
    }

    private static void ApplyV1(CgroupKnobs k, CpuSpec c)
    {
        if (c.Shares is { } shares && shares != 0)
        {
            k.Set("cpu.shares", Num(shares));
            // The kernel clamps out-of-range shares silently; say so instead.
            var actual = k.ReadULong("cpu.shares");
            if (actual is { } a && a < shares) throw new LinuxException($"cgroup cpu: the maximum allowed cpu shares is {a}");
            if (actual is { } b && b > shares) throw new LinuxException($"cgroup cpu: the minimum allowed cpu shares is {b}");
        }

        var quota = c.Quota ?? 0;
        SetPair(k, "cpu.cfs_period_us", c.Period ?? 0, "cpu.cfs_quota_us", quota);
        if (c.Idle is { } idle) k.Set("cpu.idle", Num(idle));
        SetPair(k, "cpu.rt_period_us", c.RealtimePeriod ?? 0, "cpu.rt_runtime_us", c.RealtimeRuntime ?? 0);
    }

    // Period and quota/runtime are checked against each other and the parent:
    // a new period may be rejected (EINVAL) until the new quota is in place,
    // so retry it after the quota, as runc does.
    private static void SetPair(CgroupKnobs k, string periodFile, ulong period, string quotaFile, long quota)
    {
        var retryPeriod = false;
        if (period != 0)
        {
            var errno = k.TrySet(periodFile, Num(period));
            if (errno == CgroupNative.EINVAL && quota != 0) retryPeriod = true;
            else if (errno != 0) throw k.Failure(periodFile, Num(period), errno);
        }
        if (quota != 0)
        {
            k.Set(quotaFile, Num(quota));
            if (retryPeriod) k.Set(periodFile, Num(period));
        }
    }

    private static void ApplyV2(CgroupKnobs k, CpuSpec c)
    {
        if (c.Shares is { } shares && shares != 0) k.Set("cpu.weight", Num(SharesToWeight(shares)));
        if (c.Idle is { } idle) k.Set("cpu.idle", Num(idle));
        var quota = c.Quota ?? 0;
        var period = c.Period ?? 0;
        if (quota != 0 || period != 0)
        {
            var value = quota > 0 ? Num(quota) : "max";
            if (period != 0) value += " " + Num(period);
            k.Set("cpu.max", value);
        }
        if ((c.RealtimeRuntime ?? 0) != 0 || (c.RealtimePeriod ?? 0) != 0)
            throw new LinuxException("cgroup cpu: realtime runtime/period is not supported on cgroup v2");
    }

    public static bool WantsScheduler(CpuSpec c) =>
        (c.Shares ?? 0) != 0 || (c.Quota ?? 0) != 0 || (c.Period ?? 0) != 0 || c.Idle is not null
        || (c.RealtimeRuntime ?? 0) != 0 || (c.RealtimePeriod ?? 0) != 0;

    public static void ApplyCpuset(CgroupKnobs k, CpuSpec c)
    {
        if (!string.IsNullOrEmpty(c.Cpus)) k.Set("cpuset.cpus", c.Cpus);
        if (!string.IsNullOrEmpty(c.Mems)) k.Set("cpuset.mems", c.Mems);
    }
}
