using Berth.Linux.Processes;

namespace Berth.Linux.Tests.Processes;

public class SignalsTests
{
    [Theory]
    [InlineData("KILL", 9)]
    [InlineData("SIGKILL", 9)]
    [InlineData("sigterm", 15)]
    [InlineData("9", 9)]
    [InlineData("USR1", 10)]
    [InlineData("RTMIN+2", 36)]
    [InlineData("RTMAX", 64)]
    public void Parses(string text, int expected) => Assert.Equal(expected, Signals.Parse(text));

    [Theory]
    [InlineData("NOPE")]
    [InlineData("0")]
    [InlineData("65")]
    [InlineData("RTMIN+40")]
    public void RejectsUnknown(string text) => Assert.Throws<LinuxException>(() => Signals.Parse(text));

    [Fact]
    public void StatusDecodesExitCodesAndSignals()
    {
        Assert.Equal(3, ProcessWaiter.DecodeStatus(3 << 8));
        Assert.Equal(137, ProcessWaiter.DecodeStatus(9));
        Assert.Equal(143, ProcessWaiter.DecodeStatus(15 | 0x80));
    }
}
