using Berth.Linux.Mounts;
using Berth.Linux.Native;

namespace Berth.Runtime.Init;

// A "cgroup" mount in the spec: the container sees its own cgroups at the destination. With a cgroup
// namespace the kernel shows the namespace's root; without one, the container's directories are bound in.
internal static class CgroupMount
{
    public static void Mount(InitConfig config, string dest, MountOptions options)
    {
        var layout = config.Cgroups ?? throw new RuntimeException("cgroup mount requested but the container has no cgroups");
        Directory.CreateDirectory(dest);
        var flags = options.Flags & ~MountFlags.ReadOnly;
        if (layout.Unified)
        {
            var only = layout.Hierarchies.Single();
            MountOne(config, dest, "cgroup2", null, only.HostPath, options.Flags);
            return;
        }
        Mounter.Mount("tmpfs", dest, "tmpfs", flags, "mode=755");
        foreach (var h in layout.Hierarchies)
        {
            var sub = Path.Combine(dest, h.Name);
            Directory.CreateDirectory(sub);
            MountOne(config, sub, "cgroup", h.Options, h.HostPath, options.Flags);
        }
        // Merged hierarchies (cpu,cpuacct) are reachable by each controller's name, as on a host.
        foreach (var h in layout.Hierarchies.Where(h => h.Name.Contains(',')))
        {
            foreach (var part in h.Name.Split(','))
            {
                var link = Path.Combine(dest, part);
                if (!Directory.Exists(link)) File.CreateSymbolicLink(link, h.Name);
            }
        }
        if (options.ReadOnly) Mounter.RemountBind(dest, options.Flags);
    }

    private static void MountOne(InitConfig config, string target, string type, string? data, string hostPath, ulong flags)
    {
        if (config.NewCgroupNamespace)
        {
            Mounter.Mount(type, target, type, flags, data);
        }
        else
        {
            Mounter.Mount(hostPath, target, null, MountFlags.Bind | MountFlags.Rec, null);
            if ((flags & MountFlags.ReadOnly) != 0) Mounter.RemountBind(target, flags | Mounter.LockedFlags(target));
        }
    }
}
