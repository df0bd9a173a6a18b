using Berth.Cli.Support;

namespace Berth.Cli.Tests.Support;

public class TerminalSupportTests
{
    [Theory]
    [InlineData("ctrl-p,ctrl-q", new byte[] { 16, 17 })]
    [InlineData("a,b", new byte[] { (byte)'a', (byte)'b' })]
    [InlineData("ctrl-@,ctrl-[,ctrl-_", new byte[] { 0, 27, 31 })]
    [InlineData("ctrl-A", new byte[] { 1 })]
    public void Detach_keys_are_parsed_as_docker_does(string keys, byte[] expected) => Assert.Equal(expected, DetachKeys.Parse(keys));

    [Theory]
    [InlineData("ctrl-9")]
    [InlineData("ab")]
    [InlineData("")]
    public void Unknown_detach_keys_are_refused(string keys) => Assert.Throws<UsageException>(() => DetachKeys.Parse(keys));

    [Fact]
    public void The_whole_sequence_detaches_and_is_not_forwarded()
    {
        var matcher = new DetachKeyMatcher([16, 17]);
        var forward = new List<byte>();
        Assert.False(matcher.Feed("ls"u8, forward));
        Assert.False(matcher.Feed(new byte[] { 16 }, forward));
        Assert.Equal("ls"u8.ToArray(), forward);
        Assert.True(matcher.Feed(new byte[] { 17, (byte)'x' }, forward));
        Assert.Equal("ls"u8.ToArray(), forward);
    }

    [Fact]
    public void A_broken_sequence_releases_the_held_keys()
    {
        var matcher = new DetachKeyMatcher([16, 17]);
        var forward = new List<byte>();
        Assert.False(matcher.Feed(new byte[] { 16, (byte)'a', 16, 16, 16 }, forward));
        Assert.Equal(new byte[] { 16, (byte)'a', 16, 16 }, forward);
    }

    [Fact]
    public void A_repeated_first_key_keeps_the_match_going()
    {
        var matcher = new DetachKeyMatcher([16, 17]);
        var forward = new List<byte>();
        Assert.True(matcher.Feed(new byte[] { 16, 16, 17 }, forward));
        Assert.Equal(new byte[] { 16 }, forward);
    }

    [Fact]
    public void Boolean_shorthands_combine_as_in_pflag()
    {
        var flags = new FlagParser("x").Bool("interactive", "i").Bool("tty", "t").Value("name", "n").Parse(["-itnweb", "img"]);
        Assert.True(flags.Flag("interactive"));
        Assert.True(flags.Flag("tty"));
        Assert.Equal("web", flags.Last("name"));
        Assert.Equal(["img"], flags.Arguments);
    }
}
