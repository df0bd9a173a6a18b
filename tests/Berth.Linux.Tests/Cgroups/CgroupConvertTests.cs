using Berth.Linux.Cgroups;
using Berth.Oci.Runtime;

namespace Berth.Linux.Tests.Cgroups;

public class CgroupConvertTests
{
    [Theory]
    [InlineData(0UL, 0UL)]
    [InlineData(2UL, 1UL)]
    [InlineData(1024UL, 39UL)]
    [InlineData(262144UL, 10000UL)]
    public void Shares_map_to_weight_like_runc(ulong shares, ulong weight) =>
        Assert.Equal(weight, CgroupConvert.SharesToWeight(shares));

    [Theory]
    [InlineData(10UL, 1UL)]
    [InlineData(500UL, 4950UL)]
    [InlineData(1000UL, 10000UL)]
    public void Blkio_weight_maps_to_io_weight(ulong blkio, ulong io) =>
        Assert.Equal(io, CgroupConvert.BlkioToIoWeight(blkio));

    [Theory]
    [InlineData(0L, 100L, 0L)]
    [InlineData(-1L, 100L, -1L)]
    [InlineData(0L, -1L, -1L)]
    [InlineData(300L, 100L, 200L)]
    [InlineData(100L, 100L, 0L)]
    public void Swap_is_total_minus_memory_on_v2(long swap, long memory, long v2) =>
        Assert.Equal(v2, CgroupConvert.SwapToV2(swap, memory));

    [Fact]
    public void Swap_below_memory_or_without_memory_is_rejected()
    {
        Assert.Throws<LinuxException>(() => CgroupConvert.SwapToV2(50, 100));
        Assert.Throws<LinuxException>(() => CgroupConvert.SwapToV2(50, 0));
    }

    [Theory]
    [InlineData("2MB", true)]
    [InlineData("1GB", true)]
    [InlineData("64KB", true)]
    [InlineData("2mb", false)]
    [InlineData("../x", false)]
    [InlineData("MB", false)]
    public void Page_sizes_are_validated(string size, bool ok) => Assert.Equal(ok, CgroupConvert.IsPageSize(size));

    [Fact]
    public void Device_rules_format_like_the_v1_files()
    {
        Assert.Equal("a *:* rwm", DeviceResources.Format(new DeviceCgroupRule { Allow = false, Access = "rwm" }));
        Assert.Equal("c 1:3 rwm", DeviceResources.Format(new DeviceCgroupRule { Allow = true, Type = "c", Major = 1, Minor = 3, Access = "rwm" }));
        Assert.Equal("c 136:* rw", DeviceResources.Format(new DeviceCgroupRule { Allow = true, Type = "c", Major = 136, Access = "rw" }));
        Assert.Throws<LinuxException>(() => DeviceResources.Format(new DeviceCgroupRule { Type = "x" }));
        Assert.Throws<LinuxException>(() => DeviceResources.Format(new DeviceCgroupRule { Access = "rwx" }));
    }
}
