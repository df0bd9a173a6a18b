using Berth.Api.Models.Containers;
using Berth.Oci.Runtime;

namespace Berth.Engine.Containers.Spec;

// HostConfig's resource fields: validated with dockerd's messages, then mapped to the OCI cgroup resources.
public static class ResourceLimits
{
    private const long MinMemory = 6 * 1024 * 1024;
    private const ulong CfsPeriod = 100000;

    public static void Validate(HostConfig hc, SpecHost host)
    {
        if (hc.Memory != 0 && hc.Memory < MinMemory) Fail("Minimum memory limit allowed is 6MB");
        if (hc.MemorySwap > 0 && hc.Memory == 0) Fail("You should always set the Memory limit when using Memoryswap limit, see usage");
        if (hc.Memory > 0 && hc.MemorySwap > 0 && hc.MemorySwap < hc.Memory) Fail("Minimum memoryswap limit should be larger than memory limit, see usage");
        if (hc.MemorySwappiness is { } sw && sw != -1 && sw is < 0 or > 100)
            Fail($"Invalid value: {sw}, valid memory swappiness range is 0-100");
        if (hc.MemoryReservation != 0 && hc.MemoryReservation < MinMemory) Fail("Minimum memory reservation allowed is 6MB");
        if (hc.Memory > 0 && hc.MemoryReservation > 0 && hc.Memory < hc.MemoryReservation)
            Fail("Minimum memory limit can not be less than memory reservation limit, see usage");
        if (hc.NanoCpus > 0 && hc.CpuPeriod > 0) Fail("Conflicting options: Nano CPUs and CPU Period cannot both be set");
        if (hc.NanoCpus > 0 && hc.CpuQuota > 0) Fail("Conflicting options: Nano CPUs and CPU Quota cannot both be set");
        if (hc.NanoCpus < 0 || hc.NanoCpus > host.CpuCount * 1_000_000_000L)
            Fail($"Range of CPUs is from 0.01 to {host.CpuCount}.00, as there are only {host.CpuCount} CPUs available");
        if (hc.CpuPeriod != 0 && hc.CpuPeriod is < 1000 or > 1000000)
            Fail("CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)");
        if (hc.CpuQuota > 0 && hc.CpuQuota < 1000) Fail("CPU cfs quota can not be less than 1ms (i.e. 1000)");
        if (hc.BlkioWeight > 0 && hc.BlkioWeight is < 10 or > 1000) Fail("Range of blkio weight is from 10 to 1000");
        if (hc.OomScoreAdj is < -1000 or > 1000) Fail($"Invalid value {hc.OomScoreAdj}, range for oom score adj is [-1000, 1000]");
        if (hc.ShmSize < 0) Fail("SHM size can not be less than 0");
        if (!string.IsNullOrEmpty(hc.CpusetCpus) && !CpusetValid(hc.CpusetCpus, host.CpuCount, out var badCpus))
            Fail(badCpus ? $"Requested CPUs are not available - requested {hc.CpusetCpus}, available: 0-{host.CpuCount - 1}" : $"Invalid value {hc.CpusetCpus} for cpuset cpus");
        if (!string.IsNullOrEmpty(hc.CpusetMems) && !CpusetValid(hc.CpusetMems, int.MaxValue, out _))
            Fail($"Invalid value {hc.CpusetMems} for cpuset mems");
        if (hc.BlkioWeightDevice is { Count: > 0 } || hc.BlkioDeviceReadBps is { Count: > 0 } || hc.BlkioDeviceWriteBps is { Count: > 0 }
            || hc.BlkioDeviceReadIOps is { Count: > 0 } || hc.BlkioDeviceWriteIOps is { Count: > 0 })
            Fail("per-device blkio limits are not supported yet");
        if (hc.DeviceRequests is { Count: > 0 }) Fail("device requests (--gpus) are not supported yet");
    }

    public static ResourcesSpec Build(HostConfig hc)
    {
        var r = new ResourcesSpec();
        if (hc.Memory > 0 || hc.MemoryReservation > 0 || hc.MemorySwap != 0 || hc.OomKillDisable == true || hc.MemorySwappiness is >= 0)
        {
            r.Memory = new MemorySpec
            {
                Limit = hc.Memory > 0 ? hc.Memory : null,
                Reservation = hc.MemoryReservation > 0 ? hc.MemoryReservation : null,
                // dockerd doubles the memory limit for swap when only memory is set; -1 is unlimited swap.
                Swap = hc.MemorySwap != 0 ? hc.MemorySwap : hc.Memory > 0 ? hc.Memory * 2 : null,
                Swappiness = hc.MemorySwappiness is >= 0 and var s ? (ulong)s : null,
                DisableOOMKiller = hc.OomKillDisable == true ? true : null,
            };
        }
        var cpu = new CpuSpec();
        if (hc.CpuShares > 0) cpu.Shares = (ulong)hc.CpuShares;
        if (hc.NanoCpus > 0)
        {
            cpu.Period = CfsPeriod;
            cpu.Quota = hc.NanoCpus * (long)CfsPeriod / 1_000_000_000L;
        }
        if (hc.CpuPeriod > 0) cpu.Period = (ulong)hc.CpuPeriod;
        if (hc.CpuQuota != 0) cpu.Quota = hc.CpuQuota;
        if (hc.CpuRealtimePeriod > 0) cpu.RealtimePeriod = (ulong)hc.CpuRealtimePeriod;
        if (hc.CpuRealtimeRuntime != 0) cpu.RealtimeRuntime = hc.CpuRealtimeRuntime;
        if (!string.IsNullOrEmpty(hc.CpusetCpus)) cpu.Cpus = hc.CpusetCpus;
        if (!string.IsNullOrEmpty(hc.CpusetMems)) cpu.Mems = hc.CpusetMems;
        if (cpu.Shares is not null || cpu.Quota is not null || cpu.Period is not null || cpu.Cpus is not null || cpu.Mems is not null
            || cpu.RealtimePeriod is not null || cpu.RealtimeRuntime is not null)
            r.Cpu = cpu;
        // 0 and -1 both mean unlimited.
        if (hc.PidsLimit is > 0 and var pids) r.Pids = new PidsSpec { Limit = pids };
        if (hc.BlkioWeight > 0) r.BlockIO = new BlockIoSpec { Weight = hc.BlkioWeight };
        return r;
    }

    public static List<RlimitSpec>? Rlimits(List<Ulimit>? ulimits)
    {
        if (ulimits is null || ulimits.Count == 0) return null;
        var known = new HashSet<string> { "as", "core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue", "nice", "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack" };
        var list = new List<RlimitSpec>();
        foreach (var u in ulimits)
        {
            var name = u.Name ?? "";
            if (!known.Contains(name)) Fail($"invalid ulimit type: {name}");
            if (u.Soft > u.Hard) Fail($"ulimit soft limit must be less than or equal to hard limit: {u.Soft} > {u.Hard}");
            list.Add(new RlimitSpec { Type = "RLIMIT_" + name.ToUpperInvariant(), Soft = (ulong)u.Soft, Hard = (ulong)u.Hard });
        }
        return list;
    }

    // "0-2,4": every number below limit; badRange says the syntax was right but a CPU is missing.
    private static bool CpusetValid(string text, int limit, out bool badRange)
    {
        badRange = false;
        foreach (var part in text.Split(','))
        {
            var ends = part.Split('-');
            if (ends.Length > 2 || !ends.All(e => int.TryParse(e, out var v) && v >= 0)) return false;
            var lo = int.Parse(ends[0]);
            var hi = int.Parse(ends[^1]);
            if (hi < lo) return false;
            if (hi >= limit) { badRange = true; return false; }
        }
        return true;
    }

    private static void Fail(string message) => throw new ContainerSpecException(message);
}
