using System.Globalization;

namespace Berth.Linux.Stats;

// One interface's counters from /proc/<pid>/net/dev.
public sealed record InterfaceCounters(string Name, ulong RxBytes, ulong RxPackets, ulong RxErrors, ulong RxDropped,
    ulong TxBytes, ulong TxPackets, ulong TxErrors, ulong TxDropped);

// Host-wide counters the Engine API's stats are computed against, read from /proc.
public static class HostStats
{
    // USER_HZ, which Linux fixes at 100 for /proc/stat on every architecture Berth runs on.
    private const long NanosPerTick = 10_000_000;

    // The host's total CPU time in nanoseconds: the sum of the "cpu" line of /proc/stat without guest time
    // (already counted in user), as dockerd computes system_cpu_usage.
    public static ulong SystemCpuNanos() => ParseSystemCpuNanos(File.ReadAllText("/proc/stat"));

    public static ulong ParseSystemCpuNanos(string procStat)
    {
        foreach (var line in procStat.Split('\n'))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 8 || fields[0] != "cpu") continue;
            ulong ticks = 0;
            // user nice system idle iowait irq softirq steal
            for (var i = 1; i <= 8 && i < fields.Length; i++)
                ticks += ulong.Parse(fields[i], CultureInfo.InvariantCulture);
            return ticks * NanosPerTick;
        }
        throw new LinuxException("/proc/stat has no cpu line");
    }

    public static int OnlineCpus() => Environment.ProcessorCount;

    // MemTotal of /proc/meminfo in bytes.
    public static ulong MemoryTotal()
    {
        foreach (var line in File.ReadLines("/proc/meminfo"))
        {
            if (!line.StartsWith("MemTotal:", StringComparison.Ordinal)) continue;
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return ulong.Parse(parts[1], CultureInfo.InvariantCulture) * 1024;
        }
        return 0;
    }

    // The network interfaces of a process's network namespace, loopback left out as dockerd does.
    public static IReadOnlyList<InterfaceCounters> NetworkInterfaces(int pid)
    {
        string text;
        try { text = File.ReadAllText($"/proc/{pid}/net/dev"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return []; }
        return ParseNetDev(text).Where(i => i.Name != "lo").ToList();
    }

    public static IReadOnlyList<InterfaceCounters> ParseNetDev(string text)
    {
        var result = new List<InterfaceCounters>();
        foreach (var line in text.Split('\n'))
        {
            var colon = line.IndexOf(':');
            if (colon < 0) continue;
            var f = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 16 || !f.All(v => ulong.TryParse(v, CultureInfo.InvariantCulture, out _))) continue;
            ulong N(int i) => ulong.Parse(f[i], CultureInfo.InvariantCulture);
            result.Add(new InterfaceCounters(line[..colon].Trim(), N(0), N(1), N(2), N(3), N(8), N(9), N(10), N(11)));
        }
        return result;
    }
}
