using Berth.Linux.Cgroups;
using Berth.Linux.Stats;

namespace Berth.Linux.Tests.Stats;

public sealed class HostStatsTests
{
    [Fact]
    public void System_cpu_is_the_cpu_line_without_guest_time_in_nanoseconds()
    {
        const string stat = "cpu  100 2 30 4000 5 6 7 8 900 10\ncpu0 50 1 15 2000 2 3 3 4 450 5\nintr 1 2 3\n";
        Assert.Equal((100UL + 2 + 30 + 4000 + 5 + 6 + 7 + 8) * 10_000_000, HostStats.ParseSystemCpuNanos(stat));
    }

    [Fact]
    public void Net_dev_gives_each_interfaces_counters()
    {
        const string dev = """
            Inter-|   Receive                                                |  Transmit
             face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
                lo:     100       2    0    0    0     0          0         0      100       2    0    0    0     0       0          0
              eth0:    1500      10    1    2    0     0          0         0      700       5    3    4    0     0       0          0
            """;
        var all = HostStats.ParseNetDev(dev);
        Assert.Equal(["lo", "eth0"], all.Select(i => i.Name));
        Assert.Equal(new InterfaceCounters("eth0", 1500, 10, 1, 2, 700, 5, 3, 4), all[1]);
    }

    [Fact]
    public void Blkio_v1_lines_become_entries_without_the_total()
    {
        var entries = CgroupCounters.ParseBlkioV1("8:0 Read 4096\n8:0 Write 8192\n8:0 Sync 0\nTotal 12288\n");
        Assert.Equal(3, entries.Count);
        Assert.Equal(new BlkioEntry(8, 0, "Write", 8192), entries[1]);
    }

    [Fact]
    public void Io_stat_maps_to_read_and_write()
    {
        const string io = "8:0 rbytes=100 wbytes=200 rios=3 wios=4 dbytes=0 dios=0\n";
        Assert.Equal([new BlkioEntry(8, 0, "read", 100), new BlkioEntry(8, 0, "write", 200)], CgroupCounters.ParseIoStat(io, serviced: false));
        Assert.Equal([new BlkioEntry(8, 0, "read", 3), new BlkioEntry(8, 0, "write", 4)], CgroupCounters.ParseIoStat(io, serviced: true));
    }
}
