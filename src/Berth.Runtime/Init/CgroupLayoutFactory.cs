using Berth.Linux.Cgroups;

namespace Berth.Runtime.Init;

// What init needs to mount the container's cgroups: on v1 and hybrid hosts every v1 hierarchy (as Docker
// shows them), on v2 the unified one.
internal static class CgroupLayoutFactory
{
    public static CgroupLayout From(CgroupManager cgroup)
    {
        var unified = cgroup.Mode == CgroupMode.V2;
        return new CgroupLayout
        {
            Unified = unified,
            Hierarchies = cgroup.Views()
                .Where(v => v.IsV2 == unified)
                .Select(v => new CgroupHierarchy { Name = v.Name, Options = v.Options, HostPath = v.Dir })
                .ToList(),
        };
    }
}
