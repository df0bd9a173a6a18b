using Berth.Cli.Commands.Copy;
using Berth.Cli.Support;

namespace Berth.Cli.Tests.Commands.Copy;

// docker cp's path rules (Go's filepath and moby's archive helpers) on the cases docker's own tests name.
public class CopyPathRulesTests
{
    [Theory]
    [InlineData("", ".")]
    [InlineData("/", "/")]
    [InlineData("a//b/./c/..", "a/b")]
    [InlineData("/../x", "/x")]
    [InlineData("../../a", "../../a")]
    [InlineData("a/../..", "..")]
    [InlineData("/a/b/", "/a/b")]
    public void Clean_is_gos(string path, string expected) => Assert.Equal(expected, GoPaths.Clean(path));

    [Theory]
    [InlineData("/a/b", "/a", "b")]
    [InlineData("/a/b/", "/a", "b")]
    [InlineData("/a/b/.", "/a/b", ".")]
    [InlineData("/", "/", "/")]
    [InlineData("b", ".", "b")]
    public void SplitPathDirEntry_keeps_a_trailing_dot(string path, string dir, string name) =>
        Assert.Equal((dir, name), GoPaths.SplitPathDirEntry(path));

    [Theory]
    [InlineData("/a/b", "a/b/", "/a/b/")]
    [InlineData("/a/b", "a/b/.", "/a/b/.")]
    [InlineData("/a/b", "a/b", "/a/b")]
    [InlineData("/", "/.", "/.")]
    public void Trailing_slash_and_dot_survive_cleaning(string cleaned, string original, string expected) =>
        Assert.Equal(expected, GoPaths.PreserveTrailingDotOrSeparator(cleaned, original));

    [Fact]
    public void A_destination_directory_takes_the_source_as_is()
    {
        Assert.Equal(("/dst", (string?)null), CopyPlan.Prepare(sourceIsDir: true, new CopyInfo("/dst", true, true)));
        Assert.Equal(("/dst/.", (string?)null), CopyPlan.Prepare(sourceIsDir: false, new CopyInfo("/dst/.", true, true)));
    }

    [Fact]
    public void A_new_or_replaced_destination_is_the_sources_new_name_in_its_parent()
    {
        Assert.Equal(("/p", "new"), CopyPlan.Prepare(sourceIsDir: true, new CopyInfo("/p/new", false, false)));
        Assert.Equal(("/p", "new"), CopyPlan.Prepare(sourceIsDir: false, new CopyInfo("/p/new", false, false)));
        Assert.Equal(("/p", "file"), CopyPlan.Prepare(sourceIsDir: false, new CopyInfo("/p/file", true, false)));
    }

    [Fact]
    public void A_directory_cannot_replace_a_file_nor_a_file_create_a_directory()
    {
        Assert.Equal("cannot copy directory",
            Assert.Throws<CommandFailedException>(() => CopyPlan.Prepare(true, new CopyInfo("/p/file", true, false))).Message);
        Assert.Equal("no such directory",
            Assert.Throws<CommandFailedException>(() => CopyPlan.Prepare(false, new CopyInfo("/p/dir/", false, false))).Message);
        Assert.Equal("no such directory",
            Assert.Throws<CommandFailedException>(() => CopyPlan.Prepare(false, new CopyInfo("/p/dir/.", false, false))).Message);
    }

    [Theory]
    [InlineData("/data/link", "/data/a.txt", "/data/a.txt", "link")]
    [InlineData("/data/link/", "/real", "/real/", "link")]
    [InlineData("/data/link/.", "/real", "/real/.", null)]
    [InlineData("/data/a", "/other/a", "/other/a", null)]
    public void A_followed_link_keeps_the_name_it_was_asked_by(string path, string resolved, string expectedPath, string? rebase) =>
        Assert.Equal((expectedPath, rebase), CopyPlan.Rebase(path, resolved));

    [Fact]
    public void The_summary_is_the_size_of_the_tar_in_dockers_units()
    {
        Assert.Equal("Successfully copied 2.05kB to /dest", CopyPlan.Summary(2048, "/dest"));
        Assert.Equal("Successfully copied 0B to c:/x", CopyPlan.Summary(0, "c:/x"));
    }
}
