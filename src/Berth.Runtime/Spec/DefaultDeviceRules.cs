using Berth.Oci.Runtime;

namespace Berth.Runtime.Spec;

// Device cgroup rules every container needs whatever its spec denies: the default device nodes, the
// console and ptys, and each node the spec asks us to create (runc grants the same).
public static class DefaultDeviceRules
{
    private static readonly (string Type, long? Major, long? Minor)[] Allowed =
    [
        ("c", 1, 3), ("c", 1, 5), ("c", 1, 7), ("c", 1, 8), ("c", 1, 9), // null zero full random urandom
        ("c", 5, 0), ("c", 5, 1), ("c", 5, 2), ("c", 136, null),           // tty console ptmx pts/*
    ];

    public static ResourcesSpec? WithDefaults(ResourcesSpec? resources, IReadOnlyList<DeviceSpec>? devices)
    {
        if (resources?.Devices is null) return resources;
        var rules = new List<DeviceCgroupRule>(resources.Devices);
        rules.AddRange(Allowed.Select(a => new DeviceCgroupRule { Allow = true, Type = a.Type, Major = a.Major, Minor = a.Minor, Access = "rwm" }));
        rules.AddRange((devices ?? []).Select(d => new DeviceCgroupRule { Allow = true, Type = d.Type == "u" ? "c" : d.Type, Major = d.Major, Minor = d.Minor, Access = "rwm" }));
        return new ResourcesSpec
        {
            Devices = rules,
            Memory = resources.Memory,
            Cpu = resources.Cpu,
            Pids = resources.Pids,
            BlockIO = resources.BlockIO,
            HugepageLimits = resources.HugepageLimits,
            Unified = resources.Unified,
        };
    }
}
