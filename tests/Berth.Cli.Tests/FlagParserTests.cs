using Berth.Cli.Support;

namespace Berth.Cli.Tests;

public class FlagParserTests
{
    private static FlagParser Parser() => new FlagParser("berth x").Value("filter", "f").Value("since").Bool("quiet", "q");

    [Fact]
    public void Reads_every_spelling_of_a_flag()
    {
        var p = Parser().Parse(["-f", "a=1", "--filter=b=2", "-fc=3", "--filter", "d=4", "-q", "arg"]);
        Assert.Equal(["a=1", "b=2", "c=3", "d=4"], p.All("filter"));
        Assert.True(p.Flag("quiet"));
        Assert.Equal(["arg"], p.Arguments);
    }

    [Fact]
    public void Double_dash_ends_the_flags()
    {
        var p = Parser().Parse(["--", "-q"]);
        Assert.False(p.IsSet("quiet"));
        Assert.Equal(["-q"], p.Arguments);
    }

    [Fact]
    public void Global_flags_stop_at_the_command()
    {
        var p = new FlagParser("berth").Value("host", "H").Parse(["-H", "unix:///x", "events", "--since", "1"], stopAtFirstArgument: true);
        Assert.Equal("unix:///x", p.Last("host"));
        Assert.Equal(["events", "--since", "1"], p.Arguments);
    }

    [Theory]
    [InlineData("--nope")]
    [InlineData("-z")]
    [InlineData("--since")]
    [InlineData("--quiet=maybe")]
    public void Bad_flags_are_usage_errors(string arg) => Assert.Throws<UsageException>(() => Parser().Parse([arg]));
}
