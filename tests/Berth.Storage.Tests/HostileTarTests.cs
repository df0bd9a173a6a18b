using System.Formats.Tar;
using System.IO.Compression;
using Berth.Storage.Archive;

namespace Berth.Storage.Tests;

// Hand-made hostile layers. Each must be refused with one clear message, leave
// no target and no staging directory behind, and write nothing outside.
public class HostileTarTests
{
    private sealed class Scene : IDisposable
    {
        private readonly TempDir _temp = new();

        public Scene()
        {
            Directory.CreateDirectory(Work);
            Directory.CreateDirectory(Sentinel);
            File.WriteAllText(SentinelFile, "untouched");
        }

        public string Work => _temp.Combine("work");
        public string Target => _temp.Combine("work", "layer");
        public string Sentinel => _temp.Combine("sentinel");
        public string SentinelFile => _temp.Combine("sentinel", "file");

        public InvalidLayerException Reject(byte[] layer, LayerApplyOptions? options = null)
        {
            var error = Assert.Throws<InvalidLayerException>(() => LayerApplier.Apply(new MemoryStream(layer), Target, options));
            Assert.DoesNotContain('\n', error.Message);
            Assert.False(Path.Exists(Target));
            Assert.Empty(Directory.GetFileSystemEntries(Work)); // no staging dir, no "escape" beside the target
            AssertSentinelUntouched();
            return error;
        }

        public void AssertSentinelUntouched()
        {
            Assert.Equal([SentinelFile], Directory.GetFileSystemEntries(Sentinel));
            Assert.Equal("untouched", File.ReadAllText(SentinelFile));
            Assert.Equal([Sentinel, _temp.Combine("work")], Directory.GetFileSystemEntries(_temp.Path).Order());
        }

        public void Dispose() => _temp.Dispose();
    }

    [Fact]
    public void DotDotEntryIsRefused()
    {
        using var scene = new Scene();
        var error = scene.Reject(Tars.Build(w => w.File("../escape")));
        Assert.Equal("layer entry \"../escape\" has a \"..\" component; a layer cannot refer outside its root", error.Message);
    }

    [Fact]
    public void AbsolutePathThatClimbsIsRefused()
    {
        using var scene = new Scene();
        var error = scene.Reject(Tars.Build(w => w.File("/abs/../../etc/x")));
        Assert.Contains("has a \"..\" component", error.Message);
    }

    [Fact]
    public void AbsolutePathIsKeptInsideTheRoot()
    {
        using var scene = new Scene();
        LayerApplier.Apply(new MemoryStream(Tars.Build(w => w.File("/etc/x", "inside"))), scene.Target);
        Assert.Equal("inside", File.ReadAllText(Path.Combine(scene.Target, "etc/x")));
        scene.AssertSentinelUntouched();
    }

    [Fact]
    public void WriteThroughSymlinkToRootIsRefused()
    {
        using var scene = new Scene();
        var error = scene.Reject(Tars.Build(w =>
        {
            w.Symlink("link", "/");
            w.File("link/etc/evil");
        }));
        Assert.Equal(
            "layer entry \"link/etc/evil\" would be written through the symlink \"link\"; a layer cannot write through symlinks",
            error.Message);
    }

    [Fact]
    public void WriteThroughSymlinkToAnAbsoluteHostPathIsRefused()
    {
        using var scene = new Scene();
        var error = scene.Reject(Tars.Build(w =>
        {
            w.Symlink("s", scene.Sentinel);
            w.File("s/file", "overwritten");
            w.File("s/new", "created");
        }));
        Assert.Contains("through the symlink \"s\"", error.Message);
    }

    [Fact]
    public void SymlinkClimbingOutWithDotDotIsRefused()
    {
        using var scene = new Scene();
        var error = scene.Reject(Tars.Build(w =>
        {
            w.Dir("a/");
            w.Symlink("a/up", "../../../..");
            w.File("a/up/evil");
        }));
        Assert.Equal("symlink \"a/up\" -> \"../../../..\" points outside the layer root", error.Message);
    }

    [Fact]
    public void ChainOfDotDotSymlinksIsRefused()
    {
        using var scene = new Scene();
        // Each link alone stays inside; written through, they would climb out.
        var error = scene.Reject(Tars.Build(w =>
        {
            w.Dir("a/b/");
            w.Symlink("a/b/up", "..");
            w.Symlink("a/up", "..");
            w.File("a/b/up/up/up/evil");
        }));
        Assert.Contains("would be written through the symlink \"a/b/up\"", error.Message);
    }

    [Fact]
    public void HardLinkToHostFileIsRefused()
    {
        using var scene = new Scene();
        var error = scene.Reject(Tars.Build(w => w.HardLink("passwd", "/etc/passwd")));
        Assert.Equal("hard link \"passwd\" -> \"/etc/passwd\" points at something not in this layer", error.Message);
    }

    [Fact]
    public void HardLinkWithDotDotIsRefused()
    {
        using var scene = new Scene();
        var error = scene.Reject(Tars.Build(w => w.HardLink("x", "../../sentinel/file")));
        Assert.Equal("hard link \"x\" target \"../../sentinel/file\" has a \"..\" component; a layer cannot refer outside its root", error.Message);
    }

    [Fact]
    public void HardLinkThroughSymlinkIsRefused()
    {
        using var scene = new Scene();
        var error = scene.Reject(Tars.Build(w =>
        {
            w.Symlink("s", scene.Sentinel);
            w.HardLink("x", "s/file");
        }));
        Assert.Equal("hard link \"x\" -> \"s/file\" goes through the symlink \"s\"", error.Message);
    }

    [Fact]
    public void GzipBombOverTheLimitIsRefused()
    {
        using var scene = new Scene();
        var tar = Tars.Build(w => w.File("zeros", new string('\0', 4 << 20)));
        using var gzip = new MemoryStream();
        using (var compressor = new GZipStream(gzip, CompressionLevel.SmallestSize, leaveOpen: true))
            compressor.Write(tar);
        Assert.True(gzip.Length < 64 << 10);

        var error = scene.Reject(gzip.ToArray(), new LayerApplyOptions { MaxUncompressedBytes = 1 << 20 });
        Assert.Equal("layer is larger than the limit of 1048576 bytes uncompressed; refusing to unpack it", error.Message);
    }

    [Fact]
    public void BadEntryAfterGoodOnesLeavesNothingBehind()
    {
        using var scene = new Scene();
        scene.Reject(Tars.Build(w =>
        {
            w.Dir("usr/");
            w.File("usr/ok", "fine");
            w.File("../late-escape");
        }));
    }

    [Fact]
    public void TruncatedTarIsRefused()
    {
        using var scene = new Scene();
        var tar = Tars.Build(w => w.File("big", new string('a', 10_000)));
        var error = scene.Reject(tar[..3000]);
        Assert.StartsWith("layer is not a valid tar archive", error.Message);
    }

    [Fact]
    public void FileReplacingASymlinkReplacesTheLinkNotItsTarget()
    {
        using var scene = new Scene();
        var layer = Tars.Build(w =>
        {
            w.Symlink("link", scene.SentinelFile);
            w.File("link", "replaced");
        });
        LayerApplier.Apply(new MemoryStream(layer), scene.Target);
        Assert.Equal("replaced", File.ReadAllText(Path.Combine(scene.Target, "link")));
        Assert.Null(new FileInfo(Path.Combine(scene.Target, "link")).LinkTarget);
        scene.AssertSentinelUntouched();
    }

    [Fact]
    public void OverlayXattrsFromTheTarAreNotApplied()
    {
        using var scene = new Scene();
        var entry = new PaxTarEntry(TarEntryType.Directory, "d/", new Dictionary<string, string>
        {
            ["SCHILY.xattr.trusted.overlay.redirect"] = "/etc",
            ["SCHILY.xattr.user.kept"] = "yes",
        });
        LayerApplier.Apply(new MemoryStream(Tars.Build(w => w.WriteEntry(entry))), scene.Target);
        var dir = Path.Combine(scene.Target, "d");
        Assert.Null(Berth.Linux.FileSystem.ExtendedAttributes.Get(dir, "trusted.overlay.redirect"));
        Assert.Equal("yes"u8.ToArray(), Berth.Linux.FileSystem.ExtendedAttributes.Get(dir, "user.kept"));
    }

    [Fact]
    public void ExistingTargetIsNotTouched()
    {
        using var scene = new Scene();
        Directory.CreateDirectory(scene.Target);
        File.WriteAllText(Path.Combine(scene.Target, "old"), "old");
        Assert.Throws<IOException>(() => LayerApplier.Apply(new MemoryStream(Tars.Build(w => w.File("new"))), scene.Target));
        Assert.Equal([Path.Combine(scene.Target, "old")], Directory.GetFileSystemEntries(scene.Target));
    }

    [Fact]
    public void CorruptGzipIsRefused()
    {
        using var scene = new Scene();
        var tar = Tars.Build(w => w.File("f", new string('a', 100_000)));
        using var gzip = new MemoryStream();
        using (var compressor = new GZipStream(gzip, CompressionLevel.Fastest, leaveOpen: true))
            compressor.Write(tar);
        var bytes = gzip.ToArray();
        bytes[bytes.Length / 2] ^= 0xff;
        bytes[bytes.Length / 2 + 1] ^= 0xff;
        var error = scene.Reject(bytes);
        Assert.StartsWith("layer is not a valid gzip-compressed tar archive", error.Message);
    }

    [Fact]
    public void CorruptZstdIsRefused()
    {
        using var scene = new Scene();
        byte[] bytes = [0x28, 0xb5, 0x2f, 0xfd, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
        var error = scene.Reject(bytes);
        Assert.StartsWith("layer is not a valid zstd-compressed tar archive", error.Message);
    }
}
