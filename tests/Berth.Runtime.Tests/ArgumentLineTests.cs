using Berth.Runtime.Standby;

namespace Berth.Runtime.Tests;

public class ArgumentLineTests
{
    [Fact]
    public void ArgumentsWithAnyCharacterComeBackAsTheyWere()
    {
        string[] args = ["--id", "a b", "line\nbreak", "\"quoted\"", "", "ünïcode"];
        var line = ArgumentLine.Encode(args);
        Assert.Equal((byte)'\n', line[^1]);
        Assert.Equal(1, line.Count(b => b == (byte)'\n'));
        Assert.Equal(args, ArgumentLine.Decode(line));
    }

    [Fact]
    public void ALineCutShortIsNoJob()
    {
        var line = ArgumentLine.Encode(["--id", "x"]);
        Assert.Null(ArgumentLine.Decode(line.AsSpan(0, line.Length - 1)));
        Assert.Null(ArgumentLine.Decode([]));
    }

    [Fact]
    public void AnythingButAnArrayOfStringsIsRefused()
    {
        Assert.Throws<RuntimeException>(() => ArgumentLine.Decode("{\"a\":1}\n"u8));
        Assert.Throws<RuntimeException>(() => ArgumentLine.Decode("[1]\n"u8));
        Assert.Throws<RuntimeException>(() => ArgumentLine.Decode("[\"a\"\n"u8));
    }
}
