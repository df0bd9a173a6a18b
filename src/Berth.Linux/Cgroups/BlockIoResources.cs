using Berth.Oci.Runtime;
using static Berth.Linux.Cgroups.CgroupConvert;

namespace Berth.Linux.Cgroups;

// linux.resources.blockIO. Weights depend on the I/O scheduler: CFQ kernels
// have blkio.weight, BFQ ones blkio.bfq.weight (io.bfq.weight on v2), and a
// kernel without either cannot honour a weight at all.
internal static class BlockIoResources
{
    public static void Apply(CgroupKnobs k, BlockIoSpec b)
    {
        if (k.V2) ApplyV2(k, b);
        else ApplyV1(k, b);
    }

    private static string Dev(long major, long minor) => $"{Num(major)}:{Num(minor)}";

    private static void ApplyV1(CgroupKnobs k, BlockIoSpec b)
    {
        var (weight, weightDevice) =
            k.Has("blkio.weight") ? ("blkio.weight", "blkio.weight_device")
            : k.Has("blkio.bfq.weight") ? ("blkio.bfq.weight", "blkio.bfq.weight_device")
            : ((string?)null, (string?)null);

        if (b.Weight is { } w && w != 0) k.Set(weight ?? NoWeight(), Num(w));
        if (b.LeafWeight is { } lw && lw != 0) k.Set("blkio.leaf_weight", Num(lw));
        foreach (var d in b.WeightDevice ?? [])
        {
            if (d.Weight is { } dw && dw != 0) k.Set(weightDevice ?? NoWeight(), $"{Dev(d.Major, d.Minor)} {Num(dw)}");
            if (d.LeafWeight is { } dlw && dlw != 0) k.Set("blkio.leaf_weight_device", $"{Dev(d.Major, d.Minor)} {Num(dlw)}");
        }
        Throttle(k, "blkio.throttle.read_bps_device", b.ThrottleReadBpsDevice, null);
        Throttle(k, "blkio.throttle.write_bps_device", b.ThrottleWriteBpsDevice, null);
        Throttle(k, "blkio.throttle.read_iops_device", b.ThrottleReadIOPSDevice, null);
        Throttle(k, "blkio.throttle.write_iops_device", b.ThrottleWriteIOPSDevice, null);
    }

    private static void ApplyV2(CgroupKnobs k, BlockIoSpec b)
    {
        var bfq = k.Has("io.bfq.weight");
        if (b.Weight is { } w && w != 0)
        {
            if (bfq) k.Set("io.bfq.weight", Num(w));
            else if (k.Has("io.weight")) k.Set("io.weight", Num(BlkioToIoWeight(w)));
            else NoWeight();
        }
        if (b.LeafWeight is { } lw && lw != 0)
            throw new LinuxException("cgroup io: a block I/O leaf weight is not supported on cgroup v2");
        foreach (var d in b.WeightDevice ?? [])
        {
            if (d.Weight is { } dw && dw != 0)
            {
                if (bfq) k.Set("io.bfq.weight", $"{Dev(d.Major, d.Minor)} {Num(dw)}");
                else if (k.Has("io.weight")) k.Set("io.weight", $"{Dev(d.Major, d.Minor)} {Num(BlkioToIoWeight(dw))}");
                else NoWeight();
            }
            if (d.LeafWeight is { } dlw && dlw != 0)
                throw new LinuxException("cgroup io: a block I/O leaf weight is not supported on cgroup v2");
        }
        Throttle(k, "io.max", b.ThrottleReadBpsDevice, "rbps");
        Throttle(k, "io.max", b.ThrottleWriteBpsDevice, "wbps");
        Throttle(k, "io.max", b.ThrottleReadIOPSDevice, "riops");
        Throttle(k, "io.max", b.ThrottleWriteIOPSDevice, "wiops");
    }

    // v1: "MAJ:MIN RATE" per file; v2: "MAJ:MIN key=RATE" all in io.max.
    private static void Throttle(CgroupKnobs k, string file, List<ThrottleDevice>? devices, string? v2Key)
    {
        foreach (var d in devices ?? [])
            k.Set(file, v2Key is null ? $"{Dev(d.Major, d.Minor)} {Num(d.Rate)}" : $"{Dev(d.Major, d.Minor)} {v2Key}={Num(d.Rate)}");
    }

    private static string NoWeight() =>
        throw new LinuxException("cgroup blkio: a block I/O weight was requested but this kernel has no weight-based I/O scheduler (no blkio.weight/blkio.bfq.weight or io.weight/io.bfq.weight; is BFQ enabled?)");
}
