using Berth.Runtime.Cli;

namespace Berth.Runtime.Tests;

public class ArgReaderTests
{
    private static readonly Dictionary<string, string> Aliases = new() { ["b"] = "bundle", ["d"] = "detach", ["e"] = "env" };

    [Fact]
    public void FlagsInEveryForm()
    {
        var a = new ArgReader(["-b", "/x", "--pid-file=/p", "-d", "id1"], Aliases, new HashSet<string> { "bundle", "pid-file" }, new HashSet<string> { "detach" }, false);
        Assert.Equal("/x", a.Value("bundle"));
        Assert.Equal("/p", a.Value("pid-file"));
        Assert.True(a.Has("detach"));
        Assert.Equal("id1", a.Id("create"));
    }

    [Fact]
    public void ExecKeepsFlagsOfTheCommand()
    {
        var a = new ArgReader(["-e", "A=1", "-e", "B=2", "c1", "ls", "-la"], Aliases, new HashSet<string> { "env" }, new HashSet<string>(), true);
        Assert.Equal(["A=1", "B=2"], a.Values("env"));
        Assert.Equal(["c1", "ls", "-la"], a.Positionals);
    }

    [Fact]
    public void UnknownFlagIsAnError()
    {
        var e = Assert.Throws<RuntimeException>(() => new ArgReader(["--nope", "x"], Aliases, new HashSet<string>(), new HashSet<string>(), false));
        Assert.Contains("--nope", e.Message);
    }

    [Fact]
    public void MissingIdIsAnError() =>
        Assert.Throws<RuntimeException>(() => new ArgReader([], Aliases, new HashSet<string>(), new HashSet<string>(), false).Id("start"));
}
