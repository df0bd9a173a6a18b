using Berth.Linux.Mounts;
using Berth.Linux.Native;

namespace Berth.Linux.Cgroups;

// Moving a process into a cgroup takes the kernel's cgroup_threadgroup_rwsem for writing, which by default waits
// for an RCU grace period: about 8 ms on this kind of host, paid once by every container start. The cgroup2
// mount option favordynmods makes the lock cheap to take for writing (at a small cost to fork and exit); it is
// the kernel's documented switch for hosts that create cgroups often, and on a hybrid host the unified hierarchy
// carries it. Remounting keeps the mount's other options.
public static class CgroupDynamicModifications
{
    public const string Option = "favordynmods";

    // Remounts the cgroup2 hierarchy with favordynmods; returns its mount point, or null when it already has the
    // option or there is no cgroup2 mount.
    public static string? Enable()
    {
        var mount = FindCgroup2(File.ReadAllLines("/proc/self/mountinfo"));
        if (mount is null || mount.Value.SuperOptions.Split(',').Contains(Option)) return null;
        Mounter.Mount(null, mount.Value.MountPoint, null, MountFlags.Remount | mount.Value.Flags, RemountData(mount.Value.SuperOptions));
        return mount.Value.MountPoint;
    }

    // cgroup2 resets the root options a remount does not name, so the current ones are named again.
    internal static string RemountData(string superOptions) =>
        string.Join(',', superOptions.Split(',').Where(o => o is not ("rw" or "ro" or "")).Append(Option));

    internal static (string MountPoint, ulong Flags, string SuperOptions)? FindCgroup2(IEnumerable<string> mountinfo)
    {
        foreach (var line in mountinfo)
        {
            var separator = line.IndexOf(" - ", StringComparison.Ordinal);
            if (separator < 0) continue;
            var tail = line[(separator + 3)..].Split(' ');
            if (tail.Length < 3 || tail[0] != "cgroup2") continue;
            var fields = line[..separator].Split(' ');
            if (fields.Length < 6) continue;
            return (fields[4], PerMountFlags(fields[5]), tail[2]);
        }
        return null;
    }

    private static ulong PerMountFlags(string options)
    {
        ulong flags = 0;
        foreach (var o in options.Split(','))
        {
            flags |= o switch
            {
                "ro" => MountFlags.ReadOnly,
                "nosuid" => MountFlags.NoSuid,
                "nodev" => MountFlags.NoDev,
                "noexec" => MountFlags.NoExec,
                "noatime" => MountFlags.NoAtime,
                "nodiratime" => MountFlags.NoDirAtime,
                "relatime" => MountFlags.RelAtime,
                _ => 0UL,
            };
        }
        return flags;
    }
}
