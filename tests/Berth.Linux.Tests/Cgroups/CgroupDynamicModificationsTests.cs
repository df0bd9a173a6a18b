using Berth.Linux.Cgroups;
using Berth.Linux.Native;

namespace Berth.Linux.Tests.Cgroups;

public class CgroupDynamicModificationsTests
{
    [Fact]
    public void Finds_the_unified_hierarchy_of_a_hybrid_host()
    {
        string[] mountinfo =
        [
            "30 23 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec - tmpfs tmpfs ro,mode=755",
            "31 30 0:27 / /sys/fs/cgroup/unified rw,nosuid,nodev,noexec,relatime shared:10 - cgroup2 cgroup2 rw,nsdelegate",
            "32 30 0:28 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory",
        ];
        var found = CgroupDynamicModifications.FindCgroup2(mountinfo);

        Assert.NotNull(found);
        Assert.Equal("/sys/fs/cgroup/unified", found.Value.MountPoint);
        Assert.Equal(MountFlags.NoSuid | MountFlags.NoDev | MountFlags.NoExec | MountFlags.RelAtime, found.Value.Flags);
        Assert.Equal("rw,nsdelegate", found.Value.SuperOptions);
    }

    [Fact]
    public void No_cgroup2_mount_means_nothing_to_do() =>
        Assert.Null(CgroupDynamicModifications.FindCgroup2(["32 30 0:28 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory"]));

    [Fact]
    public void A_remount_names_the_options_it_keeps() =>
        Assert.Equal("nsdelegate,memory_recursiveprot,favordynmods",
            CgroupDynamicModifications.RemountData("rw,nsdelegate,memory_recursiveprot"));
}
