using Berth.Oci.Runtime;

namespace Berth.Linux.Security;

// Capability names as the OCI spec writes them ("CAP_SYS_ADMIN") and their
// kernel numbers. Names are matched without regard to case because Docker's
// --cap-add accepts "sys_admin" and some tools lower-case them on the way.
public static class Capabilities
{
    // Index = capability number (include/uapi/linux/capability.h).
    private static readonly string[] Names =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID",
        "CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE",
        "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK",
        "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE",
        "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE",
        "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE",
        "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG",
        "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF",
        "CAP_CHECKPOINT_RESTORE",
    ];

    private static readonly Dictionary<string, int> ByName = BuildIndex();

    private static readonly Lazy<int> LastCapValue = new(ReadLastCap);

    private static readonly Lazy<IReadOnlyList<string>> AllValue =
        new(() => Names.Take(Math.Min(LastCap, Names.Length - 1) + 1).ToArray());

    /// <summary>The capabilities this kernel knows (0..cap_last_cap) that have a name here.</summary>
    public static IReadOnlyList<string> All => AllValue.Value;

    /// <summary>The highest capability number this kernel knows.</summary>
    internal static int LastCap => LastCapValue.Value;

    /// <summary>Every capability the kernel knows, as a bit mask.</summary>
    internal static ulong KernelMask => LastCap >= 63 ? ulong.MaxValue : (1UL << (LastCap + 1)) - 1;

    public static int Parse(string name) =>
        name is not null && ByName.TryGetValue(name, out var cap)
            ? cap
            : throw new LinuxException($"unknown capability \"{name}\"");

    internal static string NameOf(int cap) =>
        cap >= 0 && cap < Names.Length ? Names[cap] : $"capability {cap}";

    public static ulong Mask(IEnumerable<string>? names)
    {
        ulong mask = 0;
        foreach (var name in names ?? [])
            mask |= 1UL << Parse(name);
        return mask;
    }

    // Names this table knows but the kernel does not (a newer cap on an older kernel) pass:
    // runc ignores them too, and Apply masks them out against the kernel's last cap.
    public static void Validate(CapabilitiesSpec? caps)
    {
        if (caps is null)
            return;
        Mask(caps.Bounding);
        Mask(caps.Effective);
        Mask(caps.Inheritable);
        Mask(caps.Permitted);
        Mask(caps.Ambient);
    }

    private static Dictionary<string, int> BuildIndex()
    {
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Names.Length; i++)
            index[Names[i]] = i;
        return index;
    }

    private static int ReadLastCap()
    {
        try
        {
            return int.Parse(File.ReadAllText("/proc/sys/kernel/cap_last_cap").Trim(),
                System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            // /proc may not be mounted yet inside a fresh mount namespace; the bounding set
            // query fails with EINVAL past the last cap, so probe instead.
            var cap = 0;
            while (cap < 63 && IdentityNative.prctl(IdentityNative.PR_CAPBSET_READ, (nuint)(cap + 1), 0, 0, 0) >= 0)
                cap++;
            return cap;
        }
    }
}
