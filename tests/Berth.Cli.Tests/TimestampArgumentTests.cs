using Berth.Cli.Support;

namespace Berth.Cli.Tests;

public class TimestampArgumentTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("1700000000", "1700000000")]
    [InlineData("1700000000.5", "1700000000.5")]
    [InlineData("10m", "1795866600.000000000")]
    [InlineData("1h30m", "1795861800.000000000")]
    [InlineData("2026-11-28T11:00:00Z", "1795863600.000000000")]
    [InlineData("2026-11-28T11:00:00.123456789Z", "1795863600.123456700")]
    [InlineData("2026-11-28T13:00:00+02:00", "1795863600.000000000")]
    public void Converts_what_docker_accepts_to_unix_seconds(string value, string expected) =>
        Assert.Equal(expected, TimestampArgument.ToApi(value, Now));

    [Fact]
    public void Empty_means_not_given() => Assert.Null(TimestampArgument.ToApi("", Now));

    [Theory]
    [InlineData("yesterday")]
    [InlineData("10x")]
    public void Refuses_anything_else(string value) => Assert.Throws<UsageException>(() => TimestampArgument.ToApi(value, Now));
}
