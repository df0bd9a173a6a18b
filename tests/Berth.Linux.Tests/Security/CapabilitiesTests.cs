using Berth.Linux.Security;
using Berth.Oci.Runtime;

namespace Berth.Linux.Tests.Security;

public class CapabilitiesTests
{
    [Theory]
    [InlineData("CAP_CHOWN", 0)]
    [InlineData("CAP_NET_BIND_SERVICE", 10)]
    [InlineData("CAP_SYS_ADMIN", 21)]
    [InlineData("CAP_SYS_RESOURCE", 24)]
    [InlineData("CAP_AUDIT_READ", 37)]
    [InlineData("CAP_CHECKPOINT_RESTORE", 40)]
    [InlineData("cap_sys_admin", 21)]
    public void Parse_maps_names_to_kernel_numbers(string name, int expected) =>
        Assert.Equal(expected, Capabilities.Parse(name));

    [Theory]
    [InlineData("CAP_FOO")]
    [InlineData("SYS_ADMIN")]
    [InlineData("")]
    public void Parse_rejects_unknown_names(string name)
    {
        var e = Assert.Throws<LinuxException>(() => Capabilities.Parse(name));
        Assert.Equal($"unknown capability \"{name}\"", e.Message);
    }

    [Fact]
    public void Mask_sets_one_bit_per_name()
    {
        Assert.Equal(0UL, Capabilities.Mask(null));
        Assert.Equal(0UL, Capabilities.Mask([]));
        Assert.Equal((1UL << 0) | (1UL << 21) | (1UL << 40),
            Capabilities.Mask(["CAP_CHOWN", "CAP_SYS_ADMIN", "CAP_CHECKPOINT_RESTORE", "CAP_CHOWN"]));
    }

    [Fact]
    public void All_lists_the_kernels_capabilities_in_number_order()
    {
        var last = int.Parse(File.ReadAllText("/proc/sys/kernel/cap_last_cap").Trim());
        var all = Capabilities.All;
        Assert.Equal(Math.Min(last, 40) + 1, all.Count);
        Assert.Equal("CAP_CHOWN", all[0]);
        for (var i = 0; i < all.Count; i++)
            Assert.Equal(i, Capabilities.Parse(all[i]));
    }

    [Fact]
    public void Validate_names_the_bad_capability_in_any_set()
    {
        Capabilities.Validate(null);
        Capabilities.Validate(new CapabilitiesSpec { Bounding = ["CAP_KILL"], Ambient = [] });
        var e = Assert.Throws<LinuxException>(() =>
            Capabilities.Validate(new CapabilitiesSpec { Bounding = ["CAP_KILL"], Ambient = ["CAP_NOPE"] }));
        Assert.Equal("unknown capability \"CAP_NOPE\"", e.Message);
    }
}
