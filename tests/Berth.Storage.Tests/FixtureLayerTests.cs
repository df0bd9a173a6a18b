using System.IO.Compression;
using Berth.Linux.FileSystem;
using Berth.Storage.Archive;

namespace Berth.Storage.Tests;

// Unpacks the three layers Docker 20.10 saved and checks that Berth computes
// Docker's diff IDs and that overlayfs shows the tree Docker ran.
public class FixtureLayerTests
{
    private static List<string> ApplyAll(TempDir temp)
    {
        var dirs = new List<string>();
        for (var i = 0; i < Fixture.Layers.Count; i++)
        {
            var dir = temp.Combine($"L{i + 1}");
            var result = LayerApplier.Apply(new MemoryStream(Fixture.Layers[i]), dir);
            Assert.Equal(Fixture.DockerDiffIds[i], result.DiffId.ToString());
            Assert.Equal(LayerCompression.None, result.Compression);
            dirs.Add(dir);
        }
        return dirs;
    }

    [Fact]
    public void AppliedLayersHaveDockersDiffIdsAndOverlayWhiteouts()
    {
        using var temp = new TempDir();
        var dirs = ApplyAll(temp);

        foreach (var hidden in new[] { "bin/vi", "home/user" })
        {
            var whiteout = FileStatusCalls.Lstat(Path.Combine(dirs[1], hidden));
            Assert.Equal(FileStatus.TypeCharDevice, whiteout.Type);
            Assert.Equal((0u, 0u), (whiteout.RdevMajor, whiteout.RdevMinor));
        }
        Assert.Equal("y"u8.ToArray(), ExtendedAttributes.Get(Path.Combine(dirs[2], "data/sub"), "trusted.overlay.opaque"));
        Assert.False(File.Exists(Path.Combine(dirs[2], "data/sub/.wh..wh..opq")));
        Assert.Equal("/data/sub/file", new FileInfo(Path.Combine(dirs[1], "data/link")).LinkTarget);
        Assert.Equal((1000u, 1000u), (FileStatusCalls.Lstat(Path.Combine(dirs[0], "home/user")).Uid,
            FileStatusCalls.Lstat(Path.Combine(dirs[0], "home/user")).Gid));
    }

    [Fact]
    public void OverlayOfAppliedLayersIsTheTreeDockerRan()
    {
        using var temp = new TempDir();
        var dirs = ApplyAll(temp);
        var merged = Directory.CreateDirectory(temp.Combine("merged")).FullName;
        Commands.Run("mount", "-t", "overlay", "overlay", "-o",
            $"lowerdir={dirs[2]}:{dirs[1]}:{dirs[0]}", merged);
        try
        {
            Assert.Equal("replaced\n", File.ReadAllText(Path.Combine(merged, "data/sub/new")));
            Assert.False(Path.Exists(Path.Combine(merged, "bin/vi")));
            Assert.False(Path.Exists(Path.Combine(merged, "home/user")));
            Assert.True(Directory.Exists(Path.Combine(merged, "home")));
            Assert.False(Path.Exists(Path.Combine(merged, "data/sub/file")));
            Assert.Equal(["new"], Directory.GetFileSystemEntries(Path.Combine(merged, "data/sub")).Select(Path.GetFileName));
            var link = FileStatusCalls.Lstat(Path.Combine(merged, "data/link"));
            Assert.True(link.IsSymlink);
            Assert.Equal("/data/sub/file", new FileInfo(Path.Combine(merged, "data/link")).LinkTarget);
            Assert.True(FileStatusCalls.Lstat(Path.Combine(merged, "bin/busybox")).IsRegular);
        }
        finally
        {
            Commands.Run("umount", merged);
        }
    }

    [Fact]
    public void GzipAndZstdLayersGiveTheSameDiffId()
    {
        using var temp = new TempDir();
        var tar = Fixture.Layers[1];

        using var gzip = new MemoryStream();
        using (var compressor = new GZipStream(gzip, CompressionLevel.Optimal, leaveOpen: true))
            compressor.Write(tar);
        using var zstd = new MemoryStream();
        using (var compressor = new ZstdSharp.CompressionStream(zstd, 3, leaveOpen: true))
            compressor.Write(tar);

        var fromGzip = LayerApplier.Apply(new MemoryStream(gzip.ToArray()), temp.Combine("gzip"));
        var fromZstd = LayerApplier.Apply(new MemoryStream(zstd.ToArray()), temp.Combine("zstd"));

        Assert.Equal((Fixture.DockerDiffIds[1], LayerCompression.Gzip), (fromGzip.DiffId.ToString(), fromGzip.Compression));
        Assert.Equal((Fixture.DockerDiffIds[1], LayerCompression.Zstd), (fromZstd.DiffId.ToString(), fromZstd.Compression));
        Assert.Equal(fromGzip.Size, fromZstd.Size);
        Assert.Equal(7, fromGzip.Size); // data/sub/file: "layer2\n"
    }

    [Fact]
    public void XzLayersAreRefusedWithAClearMessage()
    {
        using var temp = new TempDir();
        byte[] xz = [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0, 0, 0, 0];
        var error = Assert.Throws<InvalidLayerException>(() => LayerApplier.Apply(new MemoryStream(xz), temp.Combine("x")));
        Assert.Equal("xz-compressed layers are not supported; recompress the layer with gzip or zstd", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }
}
