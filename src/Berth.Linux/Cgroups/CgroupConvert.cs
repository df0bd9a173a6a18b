using System.Globalization;

namespace Berth.Linux.Cgroups;

// Value conversions between OCI (v1-shaped) resources and cgroup v2 knobs,
// using the same formulas as runc so containers behave alike under both.
internal static class CgroupConvert
{
    public static string Num(long v) => v.ToString(CultureInfo.InvariantCulture);

    public static string Num(ulong v) => v.ToString(CultureInfo.InvariantCulture);

    // cpu.shares [2, 262144] -> cpu.weight [1, 10000].
    public static ulong SharesToWeight(ulong shares) =>
        shares == 0 ? 0 : 1 + ((Math.Max(shares, 2) - 2) * 9999) / 262142;

    // blkio.weight [10, 1000] -> io.weight [1, 10000].
    public static ulong BlkioToIoWeight(ulong weight) =>
        weight == 0 ? 0 : 1 + ((Math.Max(weight, 10) - 10) * 9999) / 990;

    // OCI swap is memory+swap; v2's memory.swap.max is swap alone.
    // 0 means "leave unchanged", -1 means unlimited.
    public static long SwapToV2(long swap, long memory)
    {
        if (memory == -1 && swap == 0) return -1;
        if (swap is -1 or 0) return swap;
        if (memory is 0 or -1)
            throw new LinuxException("cgroup memory: a swap limit needs a memory limit");
        if (memory < 0) throw new LinuxException($"cgroup memory: invalid memory limit {memory}");
        if (swap < memory)
            throw new LinuxException($"cgroup memory: memory+swap limit {swap} must be at least the memory limit {memory}");
        return swap - memory;
    }

    // v2 file syntax: 0 = unset (""), -1 = "max".
    public static string V2Limit(long v) => v switch { 0 => "", -1 => "max", _ => Num(v) };

    // OCI hugepage sizes ("2MB", "1GB", "64KB") are also the file-name infix.
    public static bool IsPageSize(string s) =>
        s.Length >= 3 && s.EndsWith('B') && s[^2] is 'K' or 'M' or 'G' && s[..^2].All(char.IsAsciiDigit) && s[0] != '0';
}
