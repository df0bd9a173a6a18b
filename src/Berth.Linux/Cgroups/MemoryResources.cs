using Berth.Oci.Runtime;
using static Berth.Linux.Cgroups.CgroupConvert;

namespace Berth.Linux.Cgroups;

// linux.resources.memory, following runc's fs (v1) and fs2 (v2) semantics.
internal static class MemoryResources
{
    private const string Limit = "memory.limit_in_bytes";
    private const string MemSw = "memory.memsw.limit_in_bytes";

    public static void Apply(CgroupKnobs k, MemorySpec m)
    {
        if (k.V2) ApplyV2(k, m);
        else ApplyV1(k, m);
    }

    private static void ApplyV1(CgroupKnobs k, MemorySpec m)
    {
        var limit = m.Limit ?? 0;
        var swap = m.Swap ?? 0;
        // Unlimited memory with no swap given means unlimited swap too; else
        // the old memsw limit would keep capping memory.
        if (limit == -1 && swap == 0 && k.Has(MemSw)) swap = -1;
        if (swap != 0 && !k.Has(MemSw))
            throw new LinuxException($"cgroup memory: a swap limit was requested but {MemSw} does not exist (swap accounting is disabled in the kernel)");

        // The kernel requires memsw >= limit at every moment, so raise memsw
        // first when growing and lower the limit first when shrinking.
        var swapFirst = limit != 0 && swap != 0 && (swap == -1 || (k.ReadULong(Limit) is { } cur && cur < (ulong)swap));
        if (swapFirst) SetV1(k, MemSw, swap);
        SetV1(k, Limit, limit);
        if (!swapFirst) SetV1(k, MemSw, swap);

        if (m.Reservation is { } r && r != 0) k.Set("memory.soft_limit_in_bytes", Num(r));
        if (m.Kernel is { } kmem && kmem != 0) k.Set("memory.kmem.limit_in_bytes", Num(kmem));
        if (m.KernelTCP is { } tcp && tcp != 0) k.Set("memory.kmem.tcp.limit_in_bytes", Num(tcp));
        if (m.Swappiness is { } sw)
        {
            if (sw > 100) throw new LinuxException($"cgroup memory: invalid swappiness {sw} (must be 0 to 100)");
            k.Set("memory.swappiness", Num(sw));
        }
        if (m.DisableOOMKiller == true) k.Set("memory.oom_control", "1");
    }

    private static void SetV1(CgroupKnobs k, string file, long value)
    {
        if (value == 0) return;
        var errno = k.TrySet(file, Num(value));
        if (errno == 0) return;
        // EBUSY: the cgroup already uses more than the new limit.
        throw k.Failure(file, Num(value), errno, errno == CgroupNative.EBUSY
            ? $" (usage {k.Read("memory.usage_in_bytes")}, peak {k.Read("memory.max_usage_in_bytes")})" : null);
    }

    private static void ApplyV2(CgroupKnobs k, MemorySpec m)
    {
        var limit = m.Limit ?? 0;
        var swap = m.Swap ?? 0;
        var swapV2 = SwapToV2(swap, limit);
        var swapStr = V2Limit(swapV2);
        // memory == memory+swap: no swap at all.
        if (swapStr == "" && swapV2 == 0 && swap > 0) swapStr = "0";
        if (swapStr != "")
        {
            var errno = k.TrySet("memory.swap.max", swapStr);
            // Without swap accounting, "no swap" and "unlimited swap" are
            // already what the kernel does; anything else must fail.
            if (errno != 0 && !(errno == CgroupNative.ENOENT && swapStr is "max" or "0"))
                throw k.Failure("memory.swap.max", swapStr, errno);
        }
        if (V2Limit(limit) is { Length: > 0 } max) k.Set("memory.max", max);
        if (m.Reservation is { } r && V2Limit(r) is { Length: > 0 } low) k.Set("memory.low", low);

        if (m.Kernel is { } kmem && kmem != 0)
            throw new LinuxException("cgroup memory: a kernel memory limit is not supported on cgroup v2");
        if (m.KernelTCP is { } tcp && tcp != 0)
            throw new LinuxException("cgroup memory: a kernel TCP memory limit is not supported on cgroup v2");
        if (m.Swappiness is not null)
            throw new LinuxException("cgroup memory: swappiness is not supported on cgroup v2");
        if (m.DisableOOMKiller == true)
            throw new LinuxException("cgroup memory: disabling the OOM killer is not supported on cgroup v2");
    }
}
