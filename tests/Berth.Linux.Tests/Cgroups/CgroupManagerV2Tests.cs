using Berth.Linux.Cgroups;
using Berth.Oci.Runtime;
using static Berth.Linux.Tests.Cgroups.CgroupLayoutTests;

namespace Berth.Linux.Tests.Cgroups;

// Resource writing on a pure cgroup v2 layout, against a fake /sys/fs/cgroup.
public sealed class CgroupManagerV2Tests : IDisposable
{
    private readonly FakeCgroupTree _tree = new();
    private const string Leaf = "sys/fs/cgroup/berth/t";

    public CgroupManagerV2Tests()
    {
        _tree.Files("sys/fs/cgroup", "cgroup.controllers=cpuset cpu io memory pids\n", "cgroup.subtree_control");
    }

    public void Dispose() => _tree.Dispose();

    private CgroupManager Open(string path = "/berth/t") => _tree.Open(path, V2MountInfo, V2ProcCgroup);

    [Fact]
    public void Create_enables_controllers_in_every_parent()
    {
        _tree.Files("sys/fs/cgroup/berth", "cgroup.controllers=cpu memory\n", "cgroup.subtree_control=cpu\n");
        var m = Open();
        Assert.Equal(CgroupMode.V2, m.Mode);
        m.Create();
        Assert.Equal(
        [
            "sys/fs/cgroup/cgroup.subtree_control=+cpuset",
            "sys/fs/cgroup/cgroup.subtree_control=+cpu",
            "sys/fs/cgroup/cgroup.subtree_control=+io",
            "sys/fs/cgroup/cgroup.subtree_control=+memory",
            "sys/fs/cgroup/cgroup.subtree_control=+pids",
            "sys/fs/cgroup/berth/cgroup.subtree_control=+memory",
        ], _tree.Writes);
        Assert.True(_tree.DirExists(Leaf));
        Assert.Equal(Path.Combine(_tree.Root, Leaf), m.PathFor("memory"));
        Assert.Null(m.PathFor("hugetlb"));
    }

    [Fact]
    public void Relative_paths_go_under_the_callers_cgroup()
    {
        var m = Open("berth/t");
        Assert.Equal(Path.Combine(_tree.Root, "sys/fs/cgroup/user.slice/user-1000.slice/session-3.scope/berth/t"), m.PathFor(""));
    }

    [Fact]
    public void Memory_and_swap_convert_to_v2_knobs()
    {
        _tree.Files(Leaf, "memory.max", "memory.swap.max", "memory.low");
        Open().Apply(new ResourcesSpec { Memory = new MemorySpec { Limit = 64 << 20, Swap = 96 << 20, Reservation = 32 << 20 } });
        Assert.Equal([$"{Leaf}/memory.swap.max=33554432", $"{Leaf}/memory.max=67108864", $"{Leaf}/memory.low=33554432"], _tree.Writes);

        Open().Apply(new ResourcesSpec { Memory = new MemorySpec { Limit = -1 } });
        Assert.Equal("max", _tree.Read($"{Leaf}/memory.max"));
        Assert.Equal("max", _tree.Read($"{Leaf}/memory.swap.max"));

        Open().Apply(new ResourcesSpec { Memory = new MemorySpec { Limit = 1 << 20, Swap = 1 << 20 } });
        Assert.Equal("0", _tree.Read($"{Leaf}/memory.swap.max"));
    }

    [Fact]
    public void Without_swap_accounting_only_no_swap_or_unlimited_swap_are_accepted()
    {
        _tree.Files(Leaf, "memory.max");
        Open().Apply(new ResourcesSpec { Memory = new MemorySpec { Limit = 1 << 20, Swap = 1 << 20 } });
        Assert.Equal("1048576", _tree.Read($"{Leaf}/memory.max"));
        var e = Assert.Throws<LinuxException>(() => Open().Apply(new ResourcesSpec { Memory = new MemorySpec { Limit = 1 << 20, Swap = 2 << 20 } }));
        Assert.Contains("memory.swap.max", e.Message);
    }

    [Theory]
    [InlineData("swappiness")]
    [InlineData("oom")]
    [InlineData("kernel")]
    public void V1_only_memory_settings_are_errors(string which)
    {
        _tree.Files(Leaf, "memory.max");
        var spec = which switch
        {
            "swappiness" => new MemorySpec { Swappiness = 0 },
            "oom" => new MemorySpec { DisableOOMKiller = true },
            _ => new MemorySpec { Kernel = 1 << 20 },
        };
        var e = Assert.Throws<LinuxException>(() => Open().Apply(new ResourcesSpec { Memory = spec }));
        Assert.Contains("not supported on cgroup v2", e.Message);
    }

    [Fact]
    public void Cpu_uses_weight_and_cpu_max()
    {
        _tree.Files(Leaf, "cpu.weight", "cpu.max", "cpu.idle", "cpuset.cpus", "cpuset.mems", "pids.max");
        Open().Apply(new ResourcesSpec
        {
            Cpu = new CpuSpec { Shares = 1024, Quota = 50000, Period = 100000, Idle = 0, Cpus = "0-1" },
            Pids = new PidsSpec { Limit = -1 },
        });
        Assert.Equal(
        [
            $"{Leaf}/cpu.weight=39", $"{Leaf}/cpu.idle=0", $"{Leaf}/cpu.max=50000 100000",
            $"{Leaf}/cpuset.cpus=0-1", $"{Leaf}/pids.max=max",
        ], _tree.Writes);
        Open().Apply(new ResourcesSpec { Cpu = new CpuSpec { Quota = -1, Period = 20000 } });
        Assert.Equal("max 20000", _tree.Read($"{Leaf}/cpu.max"));
        var e = Assert.Throws<LinuxException>(() => Open().Apply(new ResourcesSpec { Cpu = new CpuSpec { RealtimeRuntime = 5 } }));
        Assert.Contains("realtime", e.Message);
    }

    [Fact]
    public void Io_converts_weight_and_puts_throttles_in_io_max()
    {
        _tree.Files(Leaf, "io.weight", "io.max");
        Open().Apply(new ResourcesSpec
        {
            BlockIO = new BlockIoSpec
            {
                Weight = 500,
                ThrottleReadBpsDevice = [new ThrottleDevice { Major = 8, Minor = 0, Rate = 1048576 }],
                ThrottleWriteIOPSDevice = [new ThrottleDevice { Major = 8, Minor = 0, Rate = 10 }],
            },
        });
        Assert.Equal([$"{Leaf}/io.weight=4950", $"{Leaf}/io.max=8:0 rbps=1048576", $"{Leaf}/io.max=8:0 wiops=10"], _tree.Writes);
    }

    [Fact]
    public void Io_prefers_bfq_weight()
    {
        _tree.Files(Leaf, "io.weight", "io.bfq.weight");
        Open().Apply(new ResourcesSpec { BlockIO = new BlockIoSpec { Weight = 500 } });
        Assert.Equal([$"{Leaf}/io.bfq.weight=500"], _tree.Writes);
    }

    [Fact]
    public void Device_rules_are_left_to_the_runtime_on_v2()
    {
        Directory.CreateDirectory(Path.Combine(_tree.Root, Leaf));
        Open().Apply(new ResourcesSpec { Devices = [new DeviceCgroupRule { Allow = false, Access = "rwm" }] });
        Assert.Empty(_tree.Writes);
    }

    [Fact]
    public void Unified_values_are_written_and_checked()
    {
        _tree.Files(Leaf, "memory.high");
        Open().Apply(new ResourcesSpec { Unified = new() { ["memory.high"] = "1048576" } });
        Assert.Equal("1048576", _tree.Read($"{Leaf}/memory.high"));
        Assert.Throws<LinuxException>(() => Open().Apply(new ResourcesSpec { Unified = new() { ["../x.y"] = "1" } }));
        Assert.Throws<LinuxException>(() => Open().Apply(new ResourcesSpec { Unified = new() { ["cgroup.procs"] = "1" } }));
        var e = Assert.Throws<LinuxException>(() => Open().Apply(new ResourcesSpec { Unified = new() { ["hugetlb.2MB.max"] = "1" } }));
        Assert.Contains("hugetlb controller is not available", e.Message);
    }

    [Fact]
    public void Freeze_waits_for_cgroup_events()
    {
        // A fake file cannot change by itself, so it already says frozen.
        _tree.Files(Leaf, "cgroup.freeze=0", "cgroup.events=populated 1\nfrozen 1\n");
        Open().Freeze();
        Assert.Equal("1", _tree.Read($"{Leaf}/cgroup.freeze"));
    }

    [Fact]
    public void Stats_come_from_v2_files()
    {
        _tree.Files(Leaf, "memory.current=100\n", "memory.max=max\n", "memory.peak=300\n", "memory.events=low 0\nhigh 0\nmax 4\noom 1\noom_kill 1\n",
            "memory.stat=anon 1\n", "cpu.stat=usage_usec 5\nuser_usec 3\nsystem_usec 2\nnr_periods 0\nnr_throttled 0\nthrottled_usec 0\n", "pids.current=2\n");
        var m = Open();
        Assert.Equal(100, m.ReadMemory()!.Usage);
        Assert.Null(m.ReadMemory()!.Limit);
        Assert.Equal(300, m.ReadMemory()!.MaxUsage);
        Assert.True(m.OomKilled());
        Assert.Equal(new CpuStats(5000, 3000, 2000, 0, 0, 0), m.ReadCpu());
        Assert.Equal(2, m.ReadPidsCurrent());
    }

    [Fact]
    public void A_controller_the_parent_did_not_delegate_is_named()
    {
        _tree.Files(Leaf, "cgroup.controllers=cpu\n", "memory.max");
        var e = Assert.Throws<LinuxException>(() => Open().Apply(new ResourcesSpec { Memory = new MemorySpec { Limit = 1 << 20 } }));
        Assert.Contains("memory controller is not enabled", e.Message);
    }

    [Fact]
    public void A_rejected_write_reports_the_knob_value_and_errno_on_one_line()
    {
        _tree.Files(Leaf, "pids.max");
        File.Delete(Path.Combine(_tree.Root, Leaf, "pids.max"));
        Directory.CreateDirectory(Path.Combine(_tree.Root, Leaf, "pids.max")); // open(O_WRONLY) on a directory: EISDIR
        var e = Assert.Throws<Native.SyscallException>(() => Open().Apply(new ResourcesSpec { Pids = new PidsSpec { Limit = 5 } }));
        Assert.Equal("cgroup pids: cannot set pids.max to 5: Is a directory", e.Message);
    }
}
