using Berth.Cli.Formatting;

namespace Berth.Cli.Tests.Formatting;

public class UnitsTests
{
    [Theory]
    [InlineData(0, "0B")]
    [InlineData(999, "999B")]
    [InlineData(1000, "1kB")]
    [InlineData(1024, "1.024kB")]
    [InlineData(10000, "10kB")]
    [InlineData(1234567, "1.235MB")]
    [InlineData(1e9, "1GB")]
    [InlineData(3.42e12, "3.42TB")]
    [InlineData(1e27, "1000YB")]
    public void HumanSize(double size, string expected) => Assert.Equal(expected, Units.HumanSize(size));

    [Theory]
    [InlineData(0, "0B")]
    [InlineData(1234567, "1.23MB")]
    [InlineData(7_790_000, "7.79MB")]
    [InlineData(187_000_000, "187MB")]
    [InlineData(186_987_654, "187MB")]
    [InlineData(5_600_000, "5.6MB")]
    [InlineData(999_999, "1e+03kB")]
    [InlineData(72_800_000, "72.8MB")]
    [InlineData(1_100_000_000, "1.1GB")]
    public void HumanSizePrecision3AsDockerImagesUses(double size, string expected)
        => Assert.Equal(expected, Units.HumanSizeWithPrecision(size, 3));

    [Theory]
    [InlineData(0, "0B")]
    [InlineData(1024, "1KiB")]
    [InlineData(1234567, "1.177MiB")]
    [InlineData(1073741824, "1GiB")]
    public void BytesSize(double size, string expected) => Assert.Equal(expected, Units.BytesSize(size));

    [Theory]
    [InlineData(0, "Less than a second")]
    [InlineData(0.9, "Less than a second")]
    [InlineData(1, "1 second")]
    [InlineData(2, "2 seconds")]
    [InlineData(59, "59 seconds")]
    [InlineData(60, "About a minute")]
    [InlineData(119, "About a minute")]
    [InlineData(120, "2 minutes")]
    [InlineData(59 * 60, "59 minutes")]
    [InlineData(60 * 60, "About an hour")]
    [InlineData(89 * 60, "About an hour")]
    [InlineData(90 * 60, "2 hours")]
    [InlineData(47 * 3600, "47 hours")]
    [InlineData(48 * 3600, "2 days")]
    [InlineData(13 * 86400, "13 days")]
    [InlineData(14 * 86400, "2 weeks")]
    [InlineData(59 * 86400, "8 weeks")]
    [InlineData(60 * 86400, "2 months")]
    [InlineData(729 * 86400, "24 months")]
    [InlineData(730 * 86400, "2 years")]
    [InlineData(3 * 365 * 86400, "3 years")]
    public void HumanDuration(double seconds, string expected)
        => Assert.Equal(expected, Units.HumanDuration(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Ago()
    {
        var now = new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal("2 hours ago", Units.Ago(now.AddHours(-2), now));
        Assert.Equal("Less than a second ago", Units.Ago(now, now));
    }

    [Theory]
    [InlineData("sha256:1d34ffeaf190be23d3de5a8de0a436676b758f48f835c3a2d4768b798c15a7f1", "1d34ffeaf190")]
    [InlineData("1d34ffeaf190be23d3de5a8de0a436676b758f48f835c3a2d4768b798c15a7f1", "1d34ffeaf190")]
    [InlineData("abc", "abc")]
    public void TruncateId(string id, string expected) => Assert.Equal(expected, Units.TruncateId(id));

    [Fact]
    public void DisplayIdKeepsFullValueWithNoTrunc()
    {
        const string id = "sha256:1d34ffeaf190be23d3de5a8de0a436676b758f48f835c3a2d4768b798c15a7f1";
        Assert.Equal(id, Units.DisplayId(id, noTrunc: true));
        Assert.Equal("1d34ffeaf190", Units.DisplayId(id, noTrunc: false));
    }

    [Theory]
    [InlineData("\"nginx -g 'daemon of…\"", 20, "\"nginx -g 'daemon o…")]
    [InlineData("short", 20, "short")]
    public void Ellipsis(string s, int width, string expected) => Assert.Equal(expected, Units.Ellipsis(s, width));
}
