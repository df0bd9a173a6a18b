using Berth.Oci.Runtime;

namespace Berth.Linux.Cgroups;

// linux.resources.devices on the v1 devices controller. Rules are written in
// order, so the usual "deny all, then allow a list" works as in the spec.
// cgroup v2 has no device files: it needs an eBPF program attached to the
// cgroup, which Berth does not load yet; there the runtime's own /dev (only
// allowed nodes are created) is what keeps containers off other devices.
internal static class DeviceResources
{
    // An allow repeated with no deny since its first write changes nothing; Docker's specs repeat the standard
    // nodes (once from the default list, once from linux.devices), and each write is a syscall on the start path.
    public static void Apply(CgroupKnobs k, IEnumerable<DeviceCgroupRule> rules)
    {
        var allowed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            var text = Format(rule);
            if (!rule.Allow)
            {
                allowed.Clear();
                k.Set("devices.deny", text);
            }
            else if (allowed.Add(text))
            {
                k.Set("devices.allow", text);
            }
        }
    }

    internal static string Format(DeviceCgroupRule rule)
    {
        var type = string.IsNullOrEmpty(rule.Type) ? "a" : rule.Type;
        if (type is not ("a" or "b" or "c"))
            throw new LinuxException($"cgroup devices: invalid device type \"{type}\" (must be a, b or c)");
        var access = string.IsNullOrEmpty(rule.Access) ? "rwm" : rule.Access;
        if (access.Any(ch => ch is not ('r' or 'w' or 'm')) || access.Distinct().Count() != access.Length)
            throw new LinuxException($"cgroup devices: invalid access \"{access}\" (letters r, w, m)");
        static string Id(long? n) => n is { } v && v >= 0 ? CgroupConvert.Num(v) : "*";
        return $"{type} {Id(rule.Major)}:{Id(rule.Minor)} {access}";
    }
}
