namespace Berth.Linux.Cgroups;

// One mounted cgroup hierarchy as seen in /proc/self/mountinfo.
// Root is the hierarchy path the mount exposes ("/" unless a container sees
// only a subtree); Controllers holds v1 subsystems and "name=..." hierarchies.
internal sealed record CgroupMount(string MountPoint, string Root, IReadOnlySet<string> Controllers, bool IsV2);
