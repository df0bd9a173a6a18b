using Berth.Oci.Runtime;

namespace Berth.Engine.Containers.Spec;

// The filesystems every Docker container gets, and the /proc paths it hides or makes read-only.
public static class DefaultMounts
{
    public const long DefaultShmSize = 64L * 1024 * 1024;

    public static readonly string[] MaskedPaths =
    [
        "/proc/asound", "/proc/acpi", "/proc/interrupts", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
        "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware",
        "/sys/devices/virtual/powercap",
    ];

    public static readonly string[] ReadonlyPaths = ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"];

    public static List<MountSpec> Create(long shmSize, bool privileged, bool writableCgroups, bool hostIpc)
    {
        var mounts = new List<MountSpec>
        {
            new() { Destination = "/proc", Type = "proc", Source = "proc", Options = ["nosuid", "noexec", "nodev"] },
            new() { Destination = "/dev", Type = "tmpfs", Source = "tmpfs", Options = ["nosuid", "strictatime", "mode=755", "size=65536k"] },
            new() { Destination = "/dev/pts", Type = "devpts", Source = "devpts", Options = ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"] },
            // A privileged container may write to /sys, as with Docker.
            new() { Destination = "/sys", Type = "sysfs", Source = "sysfs", Options = privileged ? ["nosuid", "noexec", "nodev"] : ["nosuid", "noexec", "nodev", "ro"] },
            new() { Destination = "/sys/fs/cgroup", Type = "cgroup", Source = "cgroup", Options = privileged || writableCgroups ? ["nosuid", "noexec", "nodev"] : ["ro", "nosuid", "noexec", "nodev"] },
            new() { Destination = "/dev/mqueue", Type = "mqueue", Source = "mqueue", Options = ["nosuid", "noexec", "nodev"] },
            hostIpc
                ? new() { Destination = "/dev/shm", Type = "bind", Source = "/dev/shm", Options = ["rbind", "rprivate"] }
                : new() { Destination = "/dev/shm", Type = "tmpfs", Source = "shm", Options = ["nosuid", "noexec", "nodev", "mode=1777", $"size={(shmSize > 0 ? shmSize : DefaultShmSize)}"] },
        };
        return mounts;
    }
}
