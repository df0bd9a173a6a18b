namespace Berth.Linux.Cgroups;

public enum CgroupMode
{
    // Every controller on its own (or a shared) cgroup v1 hierarchy.
    V1,
    // One cgroup2 hierarchy holds all controllers.
    V2,
    // v1 controllers plus a cgroup2 mount (systemd's "hybrid"); the v2 side
    // usually has no controllers and only tracks processes.
    Hybrid,
}
