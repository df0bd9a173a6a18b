using Berth.Oci.Runtime;
using LinuxCapabilities = Berth.Linux.Security.Capabilities;

namespace Berth.Engine.Containers.Spec;

// Docker's default capability set and its --cap-add/--cap-drop rules.
public static class ContainerCapabilities
{
    public static readonly string[] Defaults =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID",
        "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE",
    ];

    public static List<string> Compute(IEnumerable<string>? capAdd, IEnumerable<string>? capDrop, bool privileged)
    {
        var all = LinuxCapabilities.All;
        if (privileged) return [.. all];
        var add = Normalize(capAdd);
        var drop = Normalize(capDrop);
        List<string> caps;
        if (add.Contains("ALL"))
            caps = all.Where(c => !drop.Contains(c)).ToList();
        else if (drop.Contains("ALL"))
            caps = [.. add];
        else
        {
            caps = Defaults.Where(c => !drop.Contains(c)).ToList();
            foreach (var c in add)
                if (!caps.Contains(c)) caps.Add(c);
        }
        return caps;
    }

    public static CapabilitiesSpec ToSpec(List<string> caps) => new()
    {
        Bounding = [.. caps],
        Effective = [.. caps],
        Permitted = [.. caps],
    };

    // "net_admin", "NET_ADMIN" and "CAP_NET_ADMIN" are one capability; "ALL" stays as is.
    private static List<string> Normalize(IEnumerable<string>? names)
    {
        var result = new List<string>();
        foreach (var raw in names ?? [])
        {
            var upper = raw.ToUpperInvariant();
            if (upper == "ALL") { result.Add("ALL"); continue; }
            var name = upper.StartsWith("CAP_", StringComparison.Ordinal) ? upper : "CAP_" + upper;
            try { LinuxCapabilities.Parse(name); }
            catch (Berth.Linux.LinuxException) { throw new ContainerSpecException($"unknown capability: \"{name}\""); }
            if (!result.Contains(name)) result.Add(name);
        }
        return result;
    }
}
