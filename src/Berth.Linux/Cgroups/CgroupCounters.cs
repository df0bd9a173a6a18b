using System.Globalization;

namespace Berth.Linux.Cgroups;

// One line of a block I/O counter file: device, operation ("Read", "Write", ...) and value.
public sealed record BlkioEntry(ulong Major, ulong Minor, string Op, ulong Value);

// Counters of a container's cgroup that the Engine API's stats report beyond memory and CPU totals:
// per-CPU usage, the pids limit and block I/O.
public static class CgroupCounters
{
    // cpuacct.usage_percpu (v1 only: v2 has no per-CPU accounting).
    public static IReadOnlyList<ulong> PerCpuUsage(CgroupManager m)
    {
        if (m.Mode == CgroupMode.V2 || m.PathFor("cpuacct") is not { } dir) return [];
        var text = Read(Path.Combine(dir, "cpuacct.usage_percpu")) ?? "";
        return text.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries)
            .Select(v => ulong.TryParse(v, CultureInfo.InvariantCulture, out var n) ? n : 0).ToList();
    }

    // pids.max; null when unlimited.
    public static ulong? PidsLimit(CgroupManager m) =>
        m.PathFor("pids") is { } dir && ulong.TryParse(Read(Path.Combine(dir, "pids.max"))?.Trim(), CultureInfo.InvariantCulture, out var v) ? v : null;

    // Bytes (serviced: false) or operations (serviced: true) per device, as dockerd's io_service_bytes_recursive
    // and io_serviced_recursive.
    public static IReadOnlyList<BlkioEntry> BlockIo(CgroupManager m, bool serviced)
    {
        if (m.Mode != CgroupMode.V2 && m.PathFor("blkio") is { } v1 && !(m.PathFor("") == v1))
        {
            var name = serviced ? "io_serviced_recursive" : "io_service_bytes_recursive";
            // CFQ's files are empty under blk-mq schedulers; the throttle files count every I/O.
            var entries = ParseBlkioV1(Read(Path.Combine(v1, "blkio." + name)) ?? "");
            return entries.Count > 0 ? entries : ParseBlkioV1(Read(Path.Combine(v1, "blkio.throttle." + name)) ?? "");
        }
        if (m.PathFor("") is { } v2) return ParseIoStat(Read(Path.Combine(v2, "io.stat")) ?? "", serviced);
        return [];
    }

    // "8:0 Read 4096" lines; the trailing "Total N" line is not a device.
    public static List<BlkioEntry> ParseBlkioV1(string text)
    {
        var list = new List<BlkioEntry>();
        foreach (var line in text.Split('\n'))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length != 3 || f[0].Split(':') is not [var major, var minor]) continue;
            if (ulong.TryParse(major, CultureInfo.InvariantCulture, out var ma) && ulong.TryParse(minor, CultureInfo.InvariantCulture, out var mi)
                && ulong.TryParse(f[2], CultureInfo.InvariantCulture, out var v))
                list.Add(new BlkioEntry(ma, mi, f[1], v));
        }
        return list;
    }

    // v2's io.stat: "8:0 rbytes=1 wbytes=2 rios=3 wios=4 ..." mapped to dockerd's "read"/"write" entries.
    public static List<BlkioEntry> ParseIoStat(string text, bool serviced)
    {
        var list = new List<BlkioEntry>();
        foreach (var line in text.Split('\n'))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 2 || f[0].Split(':') is not [var major, var minor]) continue;
            if (!ulong.TryParse(major, CultureInfo.InvariantCulture, out var ma) || !ulong.TryParse(minor, CultureInfo.InvariantCulture, out var mi)) continue;
            foreach (var kv in f[1..])
            {
                var eq = kv.IndexOf('=');
                if (eq < 0 || !ulong.TryParse(kv[(eq + 1)..], CultureInfo.InvariantCulture, out var v)) continue;
                var op = (kv[..eq], serviced) switch
                {
                    ("rbytes", false) or ("rios", true) => "read",
                    ("wbytes", false) or ("wios", true) => "write",
                    _ => null,
                };
                if (op is not null) list.Add(new BlkioEntry(ma, mi, op, v));
            }
        }
        return list;
    }

    private static string? Read(string path)
    {
        try { return File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }
}
