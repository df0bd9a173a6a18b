using System.Globalization;
using Berth.Linux.Native;
using Berth.Oci.Runtime;

namespace Berth.Linux.Security;

// process.rlimits: names, validation and setrlimit, tolerant of a host that
// withholds CAP_SYS_RESOURCE.
public static class Rlimits
{
    private const int EPERM = 1;
    private const ulong Infinity = ulong.MaxValue;

    // Index = resource number (include/uapi/asm-generic/resource.h).
    private static readonly string[] Names =
    [
        "RLIMIT_CPU", "RLIMIT_FSIZE", "RLIMIT_DATA", "RLIMIT_STACK", "RLIMIT_CORE", "RLIMIT_RSS",
        "RLIMIT_NPROC", "RLIMIT_NOFILE", "RLIMIT_MEMLOCK", "RLIMIT_AS", "RLIMIT_LOCKS",
        "RLIMIT_SIGPENDING", "RLIMIT_MSGQUEUE", "RLIMIT_NICE", "RLIMIT_RTPRIO", "RLIMIT_RTTIME",
    ];

    public static int Parse(string type)
    {
        var index = type is null ? -1 : Array.IndexOf(Names, type);
        return index >= 0 ? index : throw new LinuxException($"unknown rlimit type \"{type}\"");
    }

    public static void Validate(IEnumerable<RlimitSpec>? limits)
    {
        var seen = new HashSet<int>();
        foreach (var limit in limits ?? [])
        {
            var resource = Parse(limit.Type);
            if (!seen.Add(resource))
                throw new LinuxException($"rlimit {limit.Type} is given more than once");
            if (limit.Soft > limit.Hard)
                throw new LinuxException(
                    $"rlimit {limit.Type}: soft limit {Show(limit.Soft)} is above hard limit {Show(limit.Hard)}");
        }
    }

    public static IReadOnlyList<string> Apply(IEnumerable<RlimitSpec>? limits) =>
        Apply(limits, RealRlimitSyscalls.Instance);

    internal static IReadOnlyList<string> Apply(IEnumerable<RlimitSpec>? limits, IRlimitSyscalls sys)
    {
        var list = limits?.ToList() ?? [];
        Validate(list);
        var warnings = new List<string>();
        foreach (var limit in list)
        {
            var resource = Parse(limit.Type);
            var errno = sys.TrySet(resource, limit.Soft, limit.Hard);
            if (errno == 0)
                continue;

            // Raising a hard limit needs CAP_SYS_RESOURCE (and NOFILE is also capped by
            // fs.nr_open): keep the container starting with the most it can have.
            var current = sys.Get(resource);
            if (errno != EPERM || limit.Hard <= current.Hard)
                throw new SyscallException($"setrlimit {limit.Type} soft {Show(limit.Soft)} hard {Show(limit.Hard)}", errno);

            var hard = current.Hard;
            var soft = Math.Min(limit.Soft, hard);
            errno = sys.TrySet(resource, soft, hard);
            if (errno != 0)
                throw new SyscallException($"setrlimit {limit.Type} soft {Show(soft)} hard {Show(hard)}", errno);
            warnings.Add(
                $"rlimit {limit.Type}: hard limit {Show(limit.Hard)} is above this host's {Show(hard)} " +
                $"and cannot be raised without CAP_SYS_RESOURCE; using soft {Show(soft)}, hard {Show(hard)}");
        }
        return warnings;
    }

    private static string Show(ulong value) =>
        value == Infinity ? "unlimited" : value.ToString(CultureInfo.InvariantCulture);
}
