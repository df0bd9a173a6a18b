using Berth.Cli.Formatting;

namespace Berth.Cli.Tests.Networks;

public class NaturalOrderTests
{
    [Theory]
    [InlineData("net2", "net10")]
    [InlineData("Bridge", "back")]
    [InlineData("a1", "ab")]
    [InlineData("a9z", "a10")]
    [InlineData("x1", "x01")]
    [InlineData("9000/tcp -> 0.0.0.0:9000", "10000/tcp -> 0.0.0.0:10000")]
    [InlineData("abc", "abcd")]
    public void Sorts_before(string first, string second)
    {
        Assert.True(NaturalOrder.Less(first, second));
        Assert.False(NaturalOrder.Less(second, first));
    }

    [Fact]
    public void Equal_strings_are_not_less() => Assert.False(NaturalOrder.Less("net2", "net2"));
}
