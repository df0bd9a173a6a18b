using Berth.Storage.Archive;

namespace Berth.Storage.Tests;

// docker cp's unpacking: a plain tree, where a file named like a whiteout is just a file.
public class TreeExtractorTests
{
    [Fact]
    public void Whiteout_names_are_ordinary_files_in_a_copy()
    {
        using var temp = new TempDir();
        var target = Directory.CreateDirectory(temp.Combine("target")).FullName;
        File.WriteAllText(Path.Combine(target, "keep"), "kept\n");
        var tar = Tars.Build(w =>
        {
            w.File(".wh.keep", "a file\n");
            w.Dir("d/");
            w.File("d/.wh..wh..opq", "also a file\n");
        });

        TreeExtractor.Extract(new MemoryStream(tar), target, new TreeExtractor.Options(NoOverwriteDirNonDir: true, Owner: null));

        Assert.Equal("kept\n", File.ReadAllText(Path.Combine(target, "keep")));
        Assert.Equal("a file\n", File.ReadAllText(Path.Combine(target, ".wh.keep")));
        Assert.Equal("also a file\n", File.ReadAllText(Path.Combine(target, "d/.wh..wh..opq")));
    }
}
