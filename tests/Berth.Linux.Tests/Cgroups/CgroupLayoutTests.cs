using Berth.Linux.Cgroups;

namespace Berth.Linux.Tests.Cgroups;

public class CgroupLayoutTests
{
    // This is what the hybrid development host shows (cpu and cpuacct split).
    internal const string HybridMountInfo = """
        22 1 0:20 / / rw,relatime - overlay overlay rw
        31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
        32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
        33 31 0:30 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct
        34 31 0:31 / /sys/fs/cgroup/cpuset rw,relatime - cgroup cgroup rw,cpuset
        35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
        36 31 0:33 / /sys/fs/cgroup/devices rw,relatime - cgroup cgroup rw,devices
        37 31 0:34 / /sys/fs/cgroup/freezer rw,relatime - cgroup cgroup rw,freezer
        38 31 0:35 / /sys/fs/cgroup/blkio rw,relatime - cgroup cgroup rw,blkio
        39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids
        40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd
        41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
        """;

    internal const string HybridProcCgroup = """
        9:name=systemd:/
        8:pids:/
        7:blkio:/
        6:freezer:/
        5:devices:/
        4:memory:/process_api/e8e3
        3:cpuset:/
        2:cpuacct:/
        1:cpu:/
        0::/
        """;

    // Classic v1 (Ubuntu 18.04-like): shared cpu,cpuacct, optional fields, no cgroup2.
    internal const string V1MountInfo = """
        25 24 0:22 / /sys/fs/cgroup ro,nosuid,nodev,noexec shared:9 - tmpfs tmpfs ro,mode=755
        26 25 0:23 / /sys/fs/cgroup/systemd rw,nosuid,nodev,noexec,relatime shared:10 - cgroup cgroup rw,xattr,name=systemd
        29 25 0:26 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid,nodev,noexec,relatime shared:13 - cgroup cgroup rw,cpu,cpuacct
        30 25 0:27 / /sys/fs/cgroup/memory rw,nosuid,nodev,noexec,relatime shared:14 - cgroup cgroup rw,memory
        31 25 0:28 / /sys/fs/cgroup/pids rw,nosuid,nodev,noexec,relatime shared:15 - cgroup cgroup rw,pids
        32 25 0:29 / /sys/fs/cgroup/cpuset rw,nosuid,nodev,noexec,relatime shared:16 - cgroup cgroup rw,cpuset,clone_children
        """;

    internal const string V1ProcCgroup = """
        12:cpuset:/
        5:pids:/user.slice/user-1000.slice
        4:memory:/user.slice
        3:cpu,cpuacct:/user.slice
        1:name=systemd:/user.slice/user-1000.slice/session-2.scope
        """;

    internal const string V2MountInfo = """
        35 24 0:30 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:9 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot
        """;

    internal const string V2ProcCgroup = "0::/user.slice/user-1000.slice/session-3.scope\n";

    [Fact]
    public void Hybrid_host_is_detected_with_each_v1_controller_and_the_unified_mount()
    {
        var mounts = CgroupLayout.ParseMountInfo(HybridMountInfo, HybridProcCgroup);
        Assert.Equal(CgroupMode.Hybrid, CgroupLayout.DetectMode(mounts));
        Assert.Equal(10, mounts.Count);
        Assert.Contains(mounts, m => m.MountPoint == "/sys/fs/cgroup/cpu" && m.Controllers.SetEquals(["cpu"]));
        Assert.Contains(mounts, m => m.MountPoint == "/sys/fs/cgroup/cpuacct" && m.Controllers.SetEquals(["cpuacct"]));
        Assert.Contains(mounts, m => m.MountPoint == "/sys/fs/cgroup/systemd" && m.Controllers.SetEquals(["name=systemd"]));
        Assert.Single(mounts, m => m.IsV2 && m.MountPoint == "/sys/fs/cgroup/unified");
    }

    [Fact]
    public void V1_host_ignores_mount_flags_and_keeps_shared_hierarchies_together()
    {
        var mounts = CgroupLayout.ParseMountInfo(V1MountInfo, V1ProcCgroup);
        Assert.Equal(CgroupMode.V1, CgroupLayout.DetectMode(mounts));
        Assert.Contains(mounts, m => m.MountPoint == "/sys/fs/cgroup/cpu,cpuacct" && m.Controllers.SetEquals(["cpu", "cpuacct"]));
        Assert.Contains(mounts, m => m.MountPoint == "/sys/fs/cgroup/cpuset" && m.Controllers.SetEquals(["cpuset"]));
        Assert.Contains(mounts, m => m.Controllers.SetEquals(["name=systemd"]));
    }

    [Fact]
    public void V2_host_has_one_hierarchy()
    {
        var mounts = CgroupLayout.ParseMountInfo(V2MountInfo, V2ProcCgroup);
        Assert.Equal(CgroupMode.V2, CgroupLayout.DetectMode(mounts));
        Assert.Single(mounts);
        Assert.True(mounts[0].IsV2);
    }

    [Fact]
    public void No_cgroup_mount_is_a_clear_error()
    {
        var e = Assert.Throws<LinuxException>(() => CgroupLayout.DetectMode([]));
        Assert.Contains("no cgroup filesystem", e.Message);
    }

    [Fact]
    public void Duplicate_bind_mounts_of_a_hierarchy_are_ignored()
    {
        var text = V2MountInfo + "\n99 98 0:30 / /run/x/cgroup rw - cgroup2 cgroup2 rw\n";
        Assert.Single(CgroupLayout.ParseMountInfo(text, V2ProcCgroup));
    }

    [Fact]
    public void Mount_points_are_unescaped()
    {
        Assert.Equal("/a b\\c", CgroupLayout.Unescape(@"/a\040b\134c"));
    }

    [Fact]
    public void Absolute_paths_are_relative_to_the_hierarchy_root()
    {
        var mounts = CgroupLayout.ParseMountInfo(V1MountInfo, V1ProcCgroup);
        var own = CgroupLayout.ParseProcCgroup(V1ProcCgroup);
        var memory = mounts.Single(m => m.Controllers.Contains("memory"));
        Assert.Equal("/sys/fs/cgroup/memory/berth/abc", CgroupLayout.Resolve("", memory, "/berth/abc", own));
        Assert.Equal("/tmp/x/sys/fs/cgroup/memory/berth/abc", CgroupLayout.Resolve("/tmp/x", memory, "/berth/abc", own));
    }

    [Fact]
    public void Relative_paths_are_under_the_callers_own_cgroup_in_each_hierarchy()
    {
        var mounts = CgroupLayout.ParseMountInfo(V1MountInfo, V1ProcCgroup);
        var own = CgroupLayout.ParseProcCgroup(V1ProcCgroup);
        Assert.Equal("/sys/fs/cgroup/cpu,cpuacct/user.slice/berth/abc",
            CgroupLayout.Resolve("", mounts.Single(m => m.Controllers.Contains("cpu")), "berth/abc", own));
        Assert.Equal("/sys/fs/cgroup/pids/user.slice/user-1000.slice/berth/abc",
            CgroupLayout.Resolve("", mounts.Single(m => m.Controllers.Contains("pids")), "berth/abc", own));
        Assert.Equal("/sys/fs/cgroup/cpuset/berth/abc",
            CgroupLayout.Resolve("", mounts.Single(m => m.Controllers.Contains("cpuset")), "berth/abc", own));
    }

    [Fact]
    public void A_container_mount_root_is_stripped_from_the_own_path()
    {
        // Inside a container without a cgroup namespace the mount shows only
        // the container's subtree while /proc/self/cgroup names the full path.
        const string mountInfo = "50 40 0:30 /docker/c1 /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n";
        const string procCgroup = "0::/docker/c1/app\n";
        var mount = CgroupLayout.ParseMountInfo(mountInfo, procCgroup).Single();
        Assert.Equal("/app", CgroupLayout.OwnPathInMount(mount, CgroupLayout.ParseProcCgroup(procCgroup)));
        Assert.Equal("/sys/fs/cgroup/app/child", CgroupLayout.Resolve("", mount, "child", CgroupLayout.ParseProcCgroup(procCgroup)));
    }

    [Theory]
    [InlineData("system.slice:berth:abc", "systemd cgroup paths are not supported yet")]
    [InlineData("/berth/../etc", "\"..\" are not allowed")]
    [InlineData("/", "names no cgroup")]
    [InlineData("", "names no cgroup")]
    public void Bad_cgroups_paths_are_rejected(string path, string message)
    {
        var e = Assert.Throws<LinuxException>(() => CgroupLayout.Validate(path));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Valid_paths_are_normalised()
    {
        Assert.Equal("/berth/abc", CgroupLayout.Validate("//berth//abc/"));
        Assert.Equal("berth/abc", CgroupLayout.Validate("berth/abc"));
    }
}
