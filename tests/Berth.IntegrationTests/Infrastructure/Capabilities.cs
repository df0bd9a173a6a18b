namespace Berth.IntegrationTests.Infrastructure;

// Capability numbers from linux/capability.h, to compute the mask a container must show in /proc/self/status.
public static class Capabilities
{
    private static readonly string[] Names =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID",
        "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN",
        "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT",
        "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE",
        "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL",
        "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND",
        "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE",
    ];

    public static ulong Mask(IEnumerable<string> names) =>
        names.Aggregate(0UL, (mask, name) =>
        {
            var bit = Array.IndexOf(Names, name);
            if (bit < 0)
                throw new ArgumentException($"unknown capability {name}", nameof(names));
            return mask | (1UL << bit);
        });

    // The hex value of a "CapEff:\t0000000000000420"-style line in /proc/<pid>/status text.
    public static ulong FromStatus(string status, string field)
    {
        var line = status.Split('\n').FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException($"no {field} in status:\n{status}");
        return Convert.ToUInt64(line[(field.Length + 1)..].Trim(), 16);
    }
}
