using Berth.Cli.Formatting;

namespace Berth.Cli.Tests.Formatting;

// Expected outputs worked out by hand from Go's text/tabwriter rules with docker's parameters
// (minwidth 10, tabwidth 1, padding 3, padchar ' ', flags 0).
public class TabWriterTests
{
    private static string Tab(string input)
    {
        var tw = TabWriter.ForDockerTable();
        tw.Write(input);
        return tw.Flush();
    }

    [Fact]
    public void ColumnsAreWidestCellPlusPaddingButAtLeastMinWidth()
    {
        Assert.Equal(
            "REPOSITORY   TAG       IMAGE ID\n" +
            "alpine       latest    1d34ffeaf190\n",
            Tab("REPOSITORY\tTAG\tIMAGE ID\nalpine\tlatest\t1d34ffeaf190\n"));
    }

    [Fact]
    public void LastCellOfALineIsNotPadded() => Assert.Equal("a         b\n", Tab("a\tb\n"));

    [Fact]
    public void TextWithoutTrailingNewlineIsFlushed() => Assert.Equal("a         b", Tab("a\tb"));

    [Fact]
    public void SingleCellLineEndsTheColumnBlock()
        => Assert.Equal("abcdefghijklmn   b\nlonger-than-everything\nc         d\n",
            Tab("abcdefghijklmn\tb\nlonger-than-everything\nc\td\n"));

    [Fact]
    public void ShorterLineSplitsTheInnerColumnBlock()
        => Assert.Equal("a         b         c\nxx        y\nzzz       wwwwwwwwwww   v\n",
            Tab("a\tb\tc\nxx\ty\nzzz\twwwwwwwwwww\tv\n"));

    [Fact]
    public void EmptyCellsArePaddedWithSpaces()
        => Assert.Equal("ID        PORTS     NAMES\nabc                 web\n",
            Tab("ID\tPORTS\tNAMES\nabc\t\tweb\n"));

    [Fact]
    public void WidthCountsRunesNotBytes()
        => Assert.Equal("héllo       x\nwörldwide   y\n", Tab("héllo\tx\nwörldwide\ty\n"));

    [Fact]
    public void TrailingTabMakesAnAlignedEmptyLastCell()
        => Assert.Equal("a            \nbbbbbbbbbb   \n", Tab("a\t\nbbbbbbbbbb\t\n"));

    [Fact]
    public void TabPaddingRoundsToTabStops()
    {
        var tw = new TabWriter(0, 8, 1, '\t');
        tw.Write("a\tb\nabcdefgh\tc\n");
        Assert.Equal("a\t\tb\nabcdefgh\tc\n", tw.Flush());
    }

    [Fact]
    public void GoPackageDocExampleWithTabPadding()
    {
        // The text/tabwriter package example: Init(w, 0, 8, 0, '\t', 0).
        var tw = new TabWriter(0, 8, 0, '\t');
        tw.Write("a\tb\tc\td\t.\n123\t12345\t1234567\t123456789\t.\n\n");
        Assert.Equal("a\tb\tc\td\t\t.\n123\t12345\t1234567\t123456789\t.\n\n", tw.Flush());
    }

    [Fact]
    public void WritesMayBeSplitAnywhere()
    {
        var tw = TabWriter.ForDockerTable();
        foreach (var c in "NAME\tSTATUS\nweb\tUp 2 hours\n") tw.Write(c.ToString());
        Assert.Equal("NAME      STATUS\nweb       Up 2 hours\n", tw.Flush());
    }
}
