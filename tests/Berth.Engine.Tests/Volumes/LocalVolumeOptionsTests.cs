using Berth.Engine.Volumes;

namespace Berth.Engine.Tests.Volumes;

public sealed class LocalVolumeOptionsTests
{
    private static LocalVolumeOptions? Parse(params (string, string)[] opts) =>
        LocalVolumeOptions.Parse(opts.ToDictionary(o => o.Item1, o => o.Item2));

    [Fact]
    public void No_options_is_a_plain_directory() => Assert.Null(Parse());

    [Fact]
    public void Tmpfs_and_bind_are_read()
    {
        Assert.Equal(new LocalVolumeOptions("tmpfs", "tmpfs", "size=10m"), Parse(("type", "tmpfs"), ("device", "tmpfs"), ("o", "size=10m")));
        Assert.Equal(new LocalVolumeOptions("none", "/srv", "bind"), Parse(("type", "none"), ("device", "/srv"), ("o", "bind")));
    }

    [Theory]
    [InlineData("invalid option: \"foo\"", "foo", "bar")]
    [InlineData("missing required option: \"device\"", "type", "nfs")]
    [InlineData("missing required option: \"type\"", "device", "/dev/sdb")]
    public void Dockerds_checks(string message, string key, string value) =>
        Assert.Equal(message, Assert.Throws<ArgumentException>(() => Parse((key, value))).Message);

    [Fact]
    public void Size_needs_quota_support_berth_does_not_have() =>
        Assert.Equal("quota size requested but no quota support",
            Assert.Throws<ArgumentException>(() => Parse(("type", "tmpfs"), ("device", "tmpfs"), ("size", "1g"))).Message);

    [Fact]
    public void O_alone_needs_device_and_type() =>
        Assert.StartsWith("missing required option", Assert.Throws<ArgumentException>(() => Parse(("o", "size=1m"))).Message);
}
