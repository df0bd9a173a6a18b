using Berth.Linux.Cgroups;
using Berth.Oci.Runtime;
using static Berth.Linux.Tests.Cgroups.CgroupLayoutTests;

namespace Berth.Linux.Tests.Cgroups;

// Resource writing on v1 and hybrid layouts, against a fake /sys/fs/cgroup.
public sealed class CgroupManagerV1Tests : IDisposable
{
    private readonly FakeCgroupTree _tree = new();
    private const string Mem = "sys/fs/cgroup/memory/berth/t";

    public void Dispose() => _tree.Dispose();

    private CgroupManager Hybrid() => _tree.Open("/berth/t", HybridMountInfo, HybridProcCgroup);

    private void MemoryKnobs(string limit = "9223372036854771712", bool memsw = true)
    {
        _tree.Files(Mem, $"memory.limit_in_bytes={limit}", "memory.soft_limit_in_bytes", "memory.swappiness", "memory.oom_control");
        if (memsw) _tree.Files(Mem, "memory.memsw.limit_in_bytes=9223372036854771712");
    }

    [Fact]
    public void Paths_follow_each_v1_hierarchy_and_the_unified_mount()
    {
        _tree.Files("sys/fs/cgroup/unified", "cgroup.controllers=hugetlb\n");
        var m = Hybrid();
        Assert.Equal(CgroupMode.Hybrid, m.Mode);
        Assert.Equal(Path.Combine(_tree.Root, Mem), m.PathFor("memory"));
        Assert.Equal(Path.Combine(_tree.Root, "sys/fs/cgroup/cpuacct/berth/t"), m.PathFor("cpuacct"));
        Assert.Equal(Path.Combine(_tree.Root, "sys/fs/cgroup/systemd/berth/t"), m.PathFor("systemd"));
        Assert.Equal(Path.Combine(_tree.Root, "sys/fs/cgroup/unified/berth/t"), m.PathFor(""));
        // hugetlb is only on the v2 side of this host.
        Assert.Equal(Path.Combine(_tree.Root, "sys/fs/cgroup/unified/berth/t"), m.PathFor("hugetlb"));
        Assert.Null(m.PathFor("net_cls"));
    }

    [Fact]
    public void Lowering_memory_sets_the_limit_before_memsw()
    {
        MemoryKnobs();
        Hybrid().Apply(new ResourcesSpec
        {
            Memory = new MemorySpec { Limit = 64 << 20, Swap = 128 << 20, Reservation = 32 << 20, Swappiness = 10, DisableOOMKiller = true },
        });
        Assert.Equal(
        [
            $"{Mem}/memory.limit_in_bytes=67108864",
            $"{Mem}/memory.memsw.limit_in_bytes=134217728",
            $"{Mem}/memory.soft_limit_in_bytes=33554432",
            $"{Mem}/memory.swappiness=10",
            $"{Mem}/memory.oom_control=1",
        ], _tree.Writes);
    }

    [Fact]
    public void Raising_memory_sets_memsw_first()
    {
        MemoryKnobs(limit: "67108864");
        Hybrid().Apply(new ResourcesSpec { Memory = new MemorySpec { Limit = 256 << 20, Swap = 512 << 20 } });
        Assert.Equal([$"{Mem}/memory.memsw.limit_in_bytes=536870912", $"{Mem}/memory.limit_in_bytes=268435456"], _tree.Writes);
    }

    [Fact]
    public void Unlimited_memory_also_unlimits_swap()
    {
        MemoryKnobs(limit: "67108864");
        Hybrid().Apply(new ResourcesSpec { Memory = new MemorySpec { Limit = -1 } });
        Assert.Equal([$"{Mem}/memory.memsw.limit_in_bytes=-1", $"{Mem}/memory.limit_in_bytes=-1"], _tree.Writes);
    }

    [Fact]
    public void Swap_without_swap_accounting_is_an_error_but_memory_alone_is_fine()
    {
        MemoryKnobs(memsw: false);
        var e = Assert.Throws<LinuxException>(() => Hybrid().Apply(new ResourcesSpec { Memory = new MemorySpec { Limit = 1 << 20, Swap = 2 << 20 } }));
        Assert.Contains("memory.memsw.limit_in_bytes", e.Message);
        Hybrid().Apply(new ResourcesSpec { Memory = new MemorySpec { Limit = 1 << 20 } });
        Assert.Equal("1048576", _tree.Read($"{Mem}/memory.limit_in_bytes"));
    }

    [Fact]
    public void Invalid_swappiness_is_rejected()
    {
        MemoryKnobs();
        Assert.Throws<LinuxException>(() => Hybrid().Apply(new ResourcesSpec { Memory = new MemorySpec { Swappiness = 101 } }));
    }

    [Fact]
    public void Cpu_pids_and_cpuset_use_their_own_hierarchies()
    {
        const string cpu = "sys/fs/cgroup/cpu/berth/t";
        _tree.Files(cpu, "cpu.shares", "cpu.cfs_quota_us", "cpu.cfs_period_us", "cpu.rt_runtime_us", "cpu.rt_period_us");
        _tree.Files("sys/fs/cgroup/pids/berth/t", "pids.max");
        _tree.Files("sys/fs/cgroup/cpuset/berth/t", "cpuset.cpus", "cpuset.mems");
        Hybrid().Apply(new ResourcesSpec
        {
            Cpu = new CpuSpec { Shares = 512, Quota = 50000, Period = 100000, RealtimeRuntime = 1000, RealtimePeriod = 10000, Cpus = "0", Mems = "0" },
            Pids = new PidsSpec { Limit = 10 },
        });
        Assert.Equal(
        [
            $"{cpu}/cpu.shares=512",
            $"{cpu}/cpu.cfs_period_us=100000",
            $"{cpu}/cpu.cfs_quota_us=50000",
            $"{cpu}/cpu.rt_period_us=10000",
            $"{cpu}/cpu.rt_runtime_us=1000",
            "sys/fs/cgroup/cpuset/berth/t/cpuset.cpus=0",
            "sys/fs/cgroup/cpuset/berth/t/cpuset.mems=0",
            "sys/fs/cgroup/pids/berth/t/pids.max=10",
        ], _tree.Writes);

        Hybrid().Apply(new ResourcesSpec { Pids = new PidsSpec { Limit = 0 } });
        Assert.Equal("max", _tree.Read("sys/fs/cgroup/pids/berth/t/pids.max"));
    }

    [Fact]
    public void A_missing_knob_names_itself()
    {
        _tree.Files("sys/fs/cgroup/cpu/berth/t", "cpu.shares");
        var e = Assert.Throws<LinuxException>(() => Hybrid().Apply(new ResourcesSpec { Cpu = new CpuSpec { Idle = 1 } }));
        Assert.Contains("cpu.idle is not supported", e.Message);
    }

    [Fact]
    public void A_missing_controller_names_itself()
    {
        var m = _tree.Open("/berth/t", V1MountInfo, V1ProcCgroup); // no blkio, devices or hugetlb mounted
        var e = Assert.Throws<LinuxException>(() => m.Apply(new ResourcesSpec { BlockIO = new BlockIoSpec { Weight = 500 } }));
        Assert.Contains("blkio controller is not available", e.Message);
        e = Assert.Throws<LinuxException>(() => m.Apply(new ResourcesSpec { Devices = [new DeviceCgroupRule { Allow = false }] }));
        Assert.Contains("devices controller is not mounted", e.Message);
        e = Assert.Throws<LinuxException>(() => m.Apply(new ResourcesSpec { Unified = new() { ["memory.high"] = "1" } }));
        Assert.Contains("no cgroup v2 hierarchy", e.Message);
    }

    [Fact]
    public void Blkio_weight_needs_a_weight_file_and_uses_bfq_when_that_is_what_exists()
    {
        const string blkio = "sys/fs/cgroup/blkio/berth/t";
        _tree.Files(blkio, "blkio.throttle.read_bps_device", "blkio.throttle.write_iops_device");
        var spec = new ResourcesSpec
        {
            BlockIO = new BlockIoSpec
            {
                ThrottleReadBpsDevice = [new ThrottleDevice { Major = 8, Minor = 0, Rate = 1048576 }],
                ThrottleWriteIOPSDevice = [new ThrottleDevice { Major = 8, Minor = 16, Rate = 100 }],
            },
        };
        Hybrid().Apply(spec);
        Assert.Equal([$"{blkio}/blkio.throttle.read_bps_device=8:0 1048576", $"{blkio}/blkio.throttle.write_iops_device=8:16 100"], _tree.Writes);

        var e = Assert.Throws<LinuxException>(() => Hybrid().Apply(new ResourcesSpec { BlockIO = new BlockIoSpec { Weight = 300 } }));
        Assert.Contains("weight", e.Message);

        _tree.Files(blkio, "blkio.bfq.weight", "blkio.bfq.weight_device");
        Hybrid().Apply(new ResourcesSpec
        {
            BlockIO = new BlockIoSpec { Weight = 300, WeightDevice = [new WeightDevice { Major = 8, Minor = 0, Weight = 200 }] },
        });
        Assert.Equal("300", _tree.Read($"{blkio}/blkio.bfq.weight"));
        Assert.Equal("8:0 200", _tree.Read($"{blkio}/blkio.bfq.weight_device"));
    }

    [Fact]
    public void Device_rules_are_written_in_order()
    {
        const string dev = "sys/fs/cgroup/devices/berth/t";
        _tree.Files(dev, "devices.allow", "devices.deny");
        Hybrid().Apply(new ResourcesSpec
        {
            Devices =
            [
                new DeviceCgroupRule { Allow = false, Access = "rwm" },
                new DeviceCgroupRule { Allow = true, Type = "c", Major = 1, Minor = 3, Access = "rwm" },
            ],
        });
        Assert.Equal([$"{dev}/devices.deny=a *:* rwm", $"{dev}/devices.allow=c 1:3 rwm"], _tree.Writes);
    }

    [Fact]
    public void A_repeated_allow_is_written_once_unless_a_deny_came_between()
    {
        const string dev = "sys/fs/cgroup/devices/berth/t";
        _tree.Files(dev, "devices.allow", "devices.deny");
        var null3 = new DeviceCgroupRule { Allow = true, Type = "c", Major = 1, Minor = 3, Access = "rwm" };
        var denyAll = new DeviceCgroupRule { Allow = false, Access = "rwm" };
        Hybrid().Apply(new ResourcesSpec { Devices = [denyAll, null3, null3, denyAll, null3] });
        Assert.Equal(
            [$"{dev}/devices.deny=a *:* rwm", $"{dev}/devices.allow=c 1:3 rwm", $"{dev}/devices.deny=a *:* rwm", $"{dev}/devices.allow=c 1:3 rwm"],
            _tree.Writes);
    }

    [Fact]
    public void Hybrid_uses_the_v2_side_for_controllers_v1_lacks_and_for_unified()
    {
        const string v2 = "sys/fs/cgroup/unified/berth/t";
        _tree.Files("sys/fs/cgroup/unified", "cgroup.controllers=hugetlb\n", "cgroup.subtree_control");
        _tree.Files(v2, "hugetlb.2MB.max", "cgroup.max.descendants");
        Hybrid().Apply(new ResourcesSpec
        {
            HugepageLimits = [new HugepageLimit { PageSize = "2MB", Limit = 4 << 21 }],
            Unified = new() { ["cgroup.max.descendants"] = "5" },
        });
        Assert.Equal([$"{v2}/hugetlb.2MB.max=8388608", $"{v2}/cgroup.max.descendants=5"], _tree.Writes);
        var e = Assert.Throws<LinuxException>(() => Hybrid().Apply(new ResourcesSpec { HugepageLimits = [new HugepageLimit { PageSize = "1GB", Limit = 1 }] }));
        Assert.Contains("1GB is not supported", e.Message);
        e = Assert.Throws<LinuxException>(() => Hybrid().Apply(new ResourcesSpec { Unified = new() { ["memory.high"] = "1" } }));
        Assert.Contains("memory controller is not available in cgroup v2", e.Message);
    }

    [Fact]
    public void Create_copies_cpusets_into_new_directories_and_makes_every_hierarchy()
    {
        _tree.Files("sys/fs/cgroup/cpuset", "cpuset.cpus=0-1\n", "cpuset.mems=0\n");
        _tree.Files("sys/fs/cgroup/cpuset/berth", "cpuset.cpus", "cpuset.mems");
        _tree.Files("sys/fs/cgroup/cpuset/berth/t", "cpuset.cpus", "cpuset.mems");
        Hybrid().Create();
        Assert.Equal("0-1", _tree.Read("sys/fs/cgroup/cpuset/berth/cpuset.cpus"));
        Assert.Equal("0", _tree.Read("sys/fs/cgroup/cpuset/berth/t/cpuset.mems"));
        foreach (var h in new[] { "cpu", "cpuacct", "memory", "devices", "freezer", "blkio", "pids", "systemd", "unified" })
            Assert.True(_tree.DirExists($"sys/fs/cgroup/{h}/berth/t"), h);
    }

    [Fact]
    public void Destroy_removes_only_the_leaf_and_is_idempotent()
    {
        var m = Hybrid();
        m.Create();
        _tree.Files("sys/fs/cgroup/memory/berth/other");
        m.Destroy();
        m.Destroy();
        Assert.False(_tree.DirExists("sys/fs/cgroup/memory/berth/t"));
        Assert.False(_tree.DirExists("sys/fs/cgroup/unified/berth/t"));
        Assert.True(_tree.DirExists("sys/fs/cgroup/memory/berth/other"));
    }

    [Fact]
    public void Processes_are_the_union_over_hierarchies_and_nested_cgroups()
    {
        _tree.Files(Mem, "cgroup.procs=12\n7\n");
        _tree.Files("sys/fs/cgroup/pids/berth/t/sub", "cgroup.procs=40\n");
        _tree.Files("sys/fs/cgroup/unified/berth/t", "cgroup.procs=7\n12\n");
        Assert.Equal([7, 12, 40], Hybrid().Processes());
    }

    [Fact]
    public void Freezer_state_is_written_and_awaited()
    {
        _tree.Files("sys/fs/cgroup/freezer/berth/t", "freezer.state=THAWED");
        var m = Hybrid();
        m.Freeze();
        Assert.Equal("FROZEN", _tree.Read("sys/fs/cgroup/freezer/berth/t/freezer.state"));
        m.Thaw();
        Assert.Equal("THAWED", _tree.Read("sys/fs/cgroup/freezer/berth/t/freezer.state"));
    }

    [Fact]
    public void Stats_come_from_memory_cpuacct_cpu_and_pids()
    {
        _tree.Files(Mem, "memory.usage_in_bytes=1000\n", "memory.limit_in_bytes=9223372036854771712\n", "memory.max_usage_in_bytes=2000\n",
            "memory.oom_control=oom_kill_disable 0\nunder_oom 0\noom_kill 2\n", "memory.stat=cache 5\nrss 7\n");
        _tree.Files("sys/fs/cgroup/cpuacct/berth/t", "cpuacct.usage=123456789\n", "cpuacct.usage_user=100\n", "cpuacct.usage_sys=200\n");
        _tree.Files("sys/fs/cgroup/cpu/berth/t", "cpu.stat=nr_periods 10\nnr_throttled 3\nthrottled_time 999\n");
        _tree.Files("sys/fs/cgroup/pids/berth/t", "pids.current=4\n");
        var m = Hybrid();
        var mem = m.ReadMemory()!;
        Assert.Equal(1000, mem.Usage);
        Assert.Null(mem.Limit);
        Assert.Equal(2000, mem.MaxUsage);
        Assert.Equal(2, mem.OomKills);
        Assert.Equal(7, mem.Stat["rss"]);
        Assert.True(m.OomKilled());
        Assert.Equal(new CpuStats(123456789, 100, 200, 10, 3, 999), m.ReadCpu());
        Assert.Equal(4, m.ReadPidsCurrent());
    }

    [Fact]
    public void Systemd_paths_are_refused()
    {
        var e = Assert.Throws<LinuxException>(() => _tree.Open("system.slice:berth:x", HybridMountInfo, HybridProcCgroup));
        Assert.Equal("systemd cgroup paths are not supported yet", e.Message);
    }
}
