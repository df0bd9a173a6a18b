namespace Berth.Linux.Cgroups;

// One hierarchy of a container's cgroup, for mounting it inside the container (see CgroupManager.Views).
public sealed record CgroupView(string Name, string Options, string Dir, bool IsV2);
