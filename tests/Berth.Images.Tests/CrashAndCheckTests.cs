using System.Diagnostics;
using Berth.Oci;

namespace Berth.Images.Tests;

// A crash at any point leaves a store that Repair brings back to a state with
// nothing orphaned; Check finds corrupt content and repair removes it.
public class CrashAndCheckTests
{
    private static readonly byte[] Base = Fixtures.RootfsTar(("etc/base", "base"));
    private static readonly byte[] Top = Fixtures.RootfsTar(("top", "t"));

    [Fact]
    public void CrashAfterLayersBeforeCommitLeavesNothingAfterRepair()
    {
        using var root = new TempRoot();
        var live = root.Combine("live");
        var crashed = root.Combine("crashed");
        SortedSet<string> before;
        using (var store = ImageStore.Open(live))
        {
            store.Load(new MemoryStream(ArchiveBuilder.DockerArchive("kept:latest", Base).Archive));
            before = Fixtures.Tree(live);
            // The disk as a crash at this instant would leave it: every layer
            // unpacked and every blob written, no row committed.
            store.BeforeCommit = () => CopyTree(live, crashed);
            store.Load(new MemoryStream(ArchiveBuilder.DockerArchive("lost:latest", Base, Top).Archive));
        }
        Assert.True(Directory.GetDirectories(Path.Combine(crashed, "layers")).Length > 1);
        Assert.NotEqual(before, Fixtures.Tree(crashed));

        using var reopened = ImageStore.Open(crashed);
        Assert.Equal(before, Fixtures.Tree(crashed));
        Assert.Equal(["kept:latest"], reopened.List().SelectMany(i => i.RepoTags));
        Assert.Throws<ImageNotFoundException>(() => reopened.Resolve("lost"));
        Assert.Equal(0, reopened.Check(repair: false).Count);
    }

    [Fact]
    public void CrashOfTheFixtureLoadLeavesAnEmptyStore()
    {
        using var root = new TempRoot();
        var live = root.Combine("live");
        var crashed = root.Combine("crashed");
        using (var store = ImageStore.Open(live))
        {
            store.BeforeCommit = () =>
            {
                CopyTree(live, crashed);
                throw new IOException("simulated crash");
            };
            using var archive = Fixtures.Open("docker-20.10-save-3layers.tar");
            Assert.Throws<IOException>(() => store.Load(archive));
            // The failed load cleaned up after itself too.
            Assert.Empty(Fixtures.Tree(Path.Combine(live, "layers")));
        }
        using var reopened = ImageStore.Open(crashed);
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(crashed, "layers")));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(crashed, "blobs", "sha256")));
        Assert.False(Directory.Exists(Path.Combine(crashed, "tmp")));
        Assert.Empty(reopened.List());
    }

    [Fact]
    public void CrashAfterDeleteCommitIsFinishedByRepair()
    {
        using var root = new TempRoot();
        Digest id;
        using (var store = ImageStore.Open(root.Path))
        {
            id = store.Resolve(store.Load(new MemoryStream(ArchiveBuilder.DockerArchive("gone:latest", Base, Top).Archive)).ImageIds[0]);
            // The delete's transaction committed; the process died before the files went.
            using (store.Db.BeginTransaction())
            {
                store.Db.DeleteImage(id);
                store.Db.Commit();
            }
            // And an interrupted LayerApplier staging dir and a blob temp file lie around.
            Directory.CreateDirectory(Path.Combine(root.Path, "layers", ".tmp-x", ".diff.applying-y"));
            File.WriteAllText(Path.Combine(root.Path, "blobs", "sha256", ".tmp-z"), "partial");
        }
        using (var reopened = ImageStore.Open(root.Path))
        {
            Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(root.Path, "layers")));
            Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(root.Path, "blobs", "sha256")));
            Assert.Equal(0, reopened.Check(repair: false).Count);
        }
    }

    [Fact]
    public void CheckFindsACorruptLayerBlobAndRepairRemovesIt()
    {
        using var root = new TempRoot();
        using var store = ImageStore.Open(root.Path);
        using (var archive = Fixtures.Open("docker-20.10-save-3layers.tar"))
            store.Load(archive);
        Assert.Equal(0, store.Check(repair: false).Count);

        // The base layer's blob is the uncompressed tar, named by its diff ID.
        var blob = Path.Combine(root.Path, "blobs", "sha256", Fixtures.DiffIds[0][7..]);
        FlipByte(blob);

        var report = store.Check(repair: false);
        Assert.Equal(1, report.Count);
        Assert.Contains($"blob {Fixtures.DiffIds[0]} is corrupt", report.Problems[0]);
        Assert.True(File.Exists(blob));

        var repaired = store.Check(repair: true);
        Assert.Equal(1, repaired.Count);
        Assert.False(File.Exists(blob));
        Assert.Equal(0, store.Check(repair: false).Count);
        // The image still runs from its unpacked layers; saving it says what is missing.
        Assert.Equal(Fixtures.DockerImageId, store.Inspect("fixture:2layers").Id);
        var e = Assert.Throws<InvalidImageInputException>(() => store.Save(["fixture:2layers"], new MemoryStream()));
        Assert.Contains(Fixtures.DiffIds[0], e.Message);
    }

    [Fact]
    public void CorruptConfigMakesTheImageUnusableAndRepairRemovesIt()
    {
        using var root = new TempRoot();
        using var store = ImageStore.Open(root.Path);
        using (var archive = Fixtures.Open("docker-20.10-save-3layers.tar"))
            store.Load(archive);
        FlipByte(Path.Combine(root.Path, "blobs", "sha256", Fixtures.DockerImageId[7..]));

        var repaired = store.Check(repair: true);
        Assert.True(repaired.Count >= 2);
        Assert.Contains(repaired.Problems, p => p.Contains("fixture:2layers") && p.Contains("removed"));
        Assert.Empty(store.List());
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(root.Path, "layers")));
        Assert.Equal(0, store.Check(repair: false).Count);
    }

    [Fact]
    public void CheckReportsFilesTheDatabaseDoesNotKnow()
    {
        using var root = new TempRoot();
        using var store = ImageStore.Open(root.Path);
        var stray = Path.Combine(root.Path, "blobs", "sha256", Digest.Compute("stray"u8).Hex);
        File.WriteAllText(stray, "stray");
        Assert.Equal(1, store.Check(repair: false).Count);
        Assert.Equal(1, store.Check(repair: true).Count);
        Assert.False(File.Exists(stray));
    }

    private static void FlipByte(string path)
    {
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(path, bytes);
    }

    // cp -a keeps hard links, owners, modes and overlay whiteout devices as they are.
    private static void CopyTree(string from, string to)
    {
        using var cp = Process.Start("cp", ["-a", from, to])!;
        cp.WaitForExit();
        if (cp.ExitCode != 0)
            throw new InvalidOperationException($"cp -a {from} {to} failed");
    }
}
