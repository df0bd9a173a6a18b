using Berth.Api.Models.Containers;
using Berth.Oci.Runtime;

namespace Berth.Engine.Containers.Spec;

// POST /containers/{id}/update as dockerd does it: the request is checked like a create's resources (less the
// rule that swap needs memory, since the memory may already be set), merged field by field into the container's
// HostConfig (zero means "leave as is"), and only the fields it sets are applied to a running container's cgroup.
public static class ContainerUpdates
{
    public static void Validate(ContainerUpdate u, SpecHost host)
    {
        var asHostConfig = new HostConfig
        {
            CpuShares = u.CpuShares, Memory = u.Memory, BlkioWeight = u.BlkioWeight, CpuPeriod = u.CpuPeriod,
            CpuQuota = u.CpuQuota, CpuRealtimePeriod = u.CpuRealtimePeriod, CpuRealtimeRuntime = u.CpuRealtimeRuntime,
            CpusetCpus = u.CpusetCpus, CpusetMems = u.CpusetMems, MemoryReservation = u.MemoryReservation,
            MemorySwap = u.Memory == 0 ? 0 : u.MemorySwap, MemorySwappiness = u.MemorySwappiness, NanoCpus = u.NanoCpus,
            PidsLimit = u.PidsLimit,
        };
        ResourceLimits.Validate(asHostConfig, host);
        if (u.RestartPolicy is { Name.Length: > 0 } policy) RestartPolicies.Validate(policy);
    }

    // Merges the update into hc; a conflict with what is already set throws ContainerSpecException with
    // dockerd's message (the caller prefixes "Cannot update container <id>: ").
    public static void Merge(HostConfig hc, ContainerUpdate u)
    {
        // NanoCpus and period/quota are two ways to set the same knobs: one cannot be updated over the other.
        if (u.NanoCpus > 0 && hc.CpuPeriod > 0) Fail("Conflicting options: Nano CPUs cannot be updated as CPU Period has already been set");
        if (u.NanoCpus > 0 && hc.CpuQuota > 0) Fail("Conflicting options: Nano CPUs cannot be updated as CPU Quota has already been set");
        if (u.CpuPeriod > 0 && hc.NanoCpus > 0) Fail("Conflicting options: CPU Period cannot be updated as NanoCPUs has already been set");
        if (u.CpuQuota > 0 && hc.NanoCpus > 0) Fail("Conflicting options: CPU Quota cannot be updated as NanoCPUs has already been set");
        if (u.Memory != 0 && hc.MemorySwap > 0 && u.Memory > hc.MemorySwap && u.MemorySwap == 0)
            Fail("Memory limit should be smaller than already set memoryswap limit, update the memoryswap at the same time");
        if (u.RestartPolicy is { Name.Length: > 0 } policy && policy.Name != "no" && hc.AutoRemove)
            Fail("Restart policy cannot be updated because AutoRemove is enabled for the container");

        if (u.BlkioWeight != 0) hc.BlkioWeight = u.BlkioWeight;
        if (u.CpuShares != 0) hc.CpuShares = u.CpuShares;
        if (u.NanoCpus != 0) hc.NanoCpus = u.NanoCpus;
        if (u.CpuPeriod != 0) hc.CpuPeriod = u.CpuPeriod;
        if (u.CpuQuota != 0) hc.CpuQuota = u.CpuQuota;
        if (!string.IsNullOrEmpty(u.CpusetCpus)) hc.CpusetCpus = u.CpusetCpus;
        if (!string.IsNullOrEmpty(u.CpusetMems)) hc.CpusetMems = u.CpusetMems;
        if (u.Memory != 0) hc.Memory = u.Memory;
        if (u.MemorySwap != 0) hc.MemorySwap = u.MemorySwap;
        if (u.MemoryReservation != 0) hc.MemoryReservation = u.MemoryReservation;
        if (u.CpuRealtimePeriod != 0) hc.CpuRealtimePeriod = u.CpuRealtimePeriod;
        if (u.CpuRealtimeRuntime != 0) hc.CpuRealtimeRuntime = u.CpuRealtimeRuntime;
        if (u.PidsLimit is { } pids) hc.PidsLimit = pids;
        if (u.RestartPolicy is { Name.Length: > 0 } restart)
            hc.RestartPolicy = new RestartPolicy { Name = restart.Name, MaximumRetryCount = restart.MaximumRetryCount };
    }

    // The cgroup settings a running container gets: only what the request sets, so untouched knobs keep
    // whatever the kernel has.
    public static ResourcesSpec LiveResources(ContainerUpdate u)
    {
        var r = new ResourcesSpec();
        if (u.Memory != 0 || u.MemoryReservation != 0 || u.MemorySwap != 0)
            r.Memory = new MemorySpec
            {
                Limit = u.Memory != 0 ? u.Memory : null,
                Reservation = u.MemoryReservation != 0 ? u.MemoryReservation : null,
                Swap = u.MemorySwap != 0 ? u.MemorySwap : null,
            };
        var cpu = new CpuSpec();
        if (u.CpuShares != 0) cpu.Shares = (ulong)u.CpuShares;
        if (u.NanoCpus != 0)
        {
            cpu.Period = 100_000;
            cpu.Quota = u.NanoCpus * 100_000 / 1_000_000_000L;
        }
        if (cpu.Quota is null && u.CpuQuota != 0) cpu.Quota = u.CpuQuota;
        if (cpu.Period is null && u.CpuPeriod != 0) cpu.Period = (ulong)u.CpuPeriod;
        if (u.CpuRealtimePeriod != 0) cpu.RealtimePeriod = (ulong)u.CpuRealtimePeriod;
        if (u.CpuRealtimeRuntime != 0) cpu.RealtimeRuntime = u.CpuRealtimeRuntime;
        if (!string.IsNullOrEmpty(u.CpusetCpus)) cpu.Cpus = u.CpusetCpus;
        if (!string.IsNullOrEmpty(u.CpusetMems)) cpu.Mems = u.CpusetMems;
        if (cpu.Shares is not null || cpu.Quota is not null || cpu.Period is not null || cpu.Cpus is not null || cpu.Mems is not null
            || cpu.RealtimePeriod is not null || cpu.RealtimeRuntime is not null)
            r.Cpu = cpu;
        // 0 and -1 both lift the limit.
        if (u.PidsLimit is { } pids) r.Pids = new PidsSpec { Limit = pids > 0 ? pids : 0 };
        if (u.BlkioWeight != 0) r.BlockIO = new BlockIoSpec { Weight = u.BlkioWeight };
        return r;
    }

    private static void Fail(string message) => throw new ContainerSpecException(message);
}
