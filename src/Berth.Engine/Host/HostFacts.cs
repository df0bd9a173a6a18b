using System.Runtime.InteropServices;

namespace Berth.Engine.Host;

// Facts about the machine the daemon runs on, read once at start from /proc, /sys and /etc.
public sealed record HostFacts(
    string KernelVersion,
    string OperatingSystem,
    string OsVersion,
    string Architecture,
    string GoArch,
    int Cpus,
    long MemTotal,
    string Hostname,
    string CgroupVersion,
    bool Seccomp)
{
    public static HostFacts Read()
    {
        var osRelease = ParseOsRelease(ReadOr("/etc/os-release", ""));
        var (arch, goArch) = RuntimeInformation.OSArchitecture switch
        {
            System.Runtime.InteropServices.Architecture.X64 => ("x86_64", "amd64"),
            System.Runtime.InteropServices.Architecture.Arm64 => ("aarch64", "arm64"),
            System.Runtime.InteropServices.Architecture.Arm => ("armv7l", "arm"),
            System.Runtime.InteropServices.Architecture.S390x => ("s390x", "s390x"),
            System.Runtime.InteropServices.Architecture.Ppc64le => ("ppc64le", "ppc64le"),
            System.Runtime.InteropServices.Architecture.RiscV64 => ("riscv64", "riscv64"),
            var other => (other.ToString().ToLowerInvariant(), other.ToString().ToLowerInvariant()),
        };
        return new HostFacts(
            KernelVersion: ReadOr("/proc/sys/kernel/osrelease", "").Trim(),
            OperatingSystem: osRelease.GetValueOrDefault("PRETTY_NAME", "Linux"),
            OsVersion: osRelease.GetValueOrDefault("VERSION_ID", ""),
            Architecture: arch,
            GoArch: goArch,
            Cpus: Environment.ProcessorCount,
            MemTotal: ParseMemTotal(ReadOr("/proc/meminfo", "")),
            Hostname: ReadOr("/proc/sys/kernel/hostname", Environment.MachineName).Trim(),
            // cgroup.controllers exists only at the root of a cgroup2 hierarchy mounted at /sys/fs/cgroup.
            CgroupVersion: File.Exists("/sys/fs/cgroup/cgroup.controllers") ? "2" : "1",
            Seccomp: ReadOr("/proc/self/status", "").Contains("\nSeccomp:", StringComparison.Ordinal));
    }

    internal static Dictionary<string, string> ParseOsRelease(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var eq = line.IndexOf('=');
            if (eq <= 0 || line.StartsWith('#')) continue;
            values[line[..eq].Trim()] = line[(eq + 1)..].Trim().Trim('"', '\'');
        }
        return values;
    }

    internal static long ParseMemTotal(string meminfo)
    {
        foreach (var line in meminfo.Split('\n'))
        {
            if (!line.StartsWith("MemTotal:", StringComparison.Ordinal)) continue;
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 2 && long.TryParse(parts[1], out var kb)) return kb * 1024;
        }
        return 0;
    }

    private static string ReadOr(string path, string fallback)
    {
        try { return File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return fallback; }
    }
}
