using Berth.Oci;
using Berth.Oci.Image;

namespace Berth.Images.Tests;

// Layers are stored once per chain ID and go with the last image that needs them.
public class SharingAndRemovalTests
{
    private static readonly byte[] Base = Fixtures.RootfsTar(("etc/base", "base"));
    private static readonly byte[] TopOne = Fixtures.RootfsTar(("one", "1"));
    private static readonly byte[] TopTwo = Fixtures.RootfsTar(("two", "2"));

    [Fact]
    public void SharedBaseIsStoredOnceAndRemovedWithTheLastImage()
    {
        using var root = new TempRoot();
        using var store = ImageStore.Open(root.Path);
        var (one, oneId) = ArchiveBuilder.DockerArchive("one:latest", Base, TopOne);
        var (two, twoId) = ArchiveBuilder.DockerArchive("two:latest", Base, TopTwo);
        store.Load(new MemoryStream(one));
        store.Load(new MemoryStream(two));

        var baseChain = Digest.Compute(Base);
        var layersDir = root.Combine("layers");
        Assert.Equal(3, Directory.GetDirectories(layersDir).Length);
        Assert.Equal(store.LowerDirectories("one")[^1], store.LowerDirectories("two")[^1]);

        var removed = store.Remove("one").Select(r => r.ToString()).ToList();
        var oneTop = ChainId.Of([Digest.Compute(Base), Digest.Compute(TopOne)]);
        Assert.Equal(["Untagged: one:latest", $"Deleted: {oneId}", $"Deleted: {oneTop}"], removed);
        Assert.True(Directory.Exists(Path.Combine(layersDir, baseChain.Hex, "diff")));
        Assert.Equal("base", File.ReadAllText(Path.Combine(store.LowerDirectories("two")[^1], "etc/base")));

        removed = store.Remove("two:latest").Select(r => r.ToString()).ToList();
        var twoTop = ChainId.Of([Digest.Compute(Base), Digest.Compute(TopTwo)]);
        Assert.Equal(["Untagged: two:latest", $"Deleted: {twoId}", $"Deleted: {twoTop}", $"Deleted: {baseChain}"], removed);
        Assert.Empty(Directory.GetFileSystemEntries(layersDir));
        Assert.Empty(Directory.GetFileSystemEntries(root.Combine("blobs", "sha256")));
        Assert.Empty(store.List());
    }

    [Fact]
    public void RemovingOneOfSeveralTagsOnlyUntags()
    {
        using var root = new TempRoot();
        using var store = ImageStore.Open(root.Path);
        var (one, id) = ArchiveBuilder.DockerArchive("one:latest", Base);
        store.Load(new MemoryStream(one));
        store.Tag("one", "localhost:5000/other/name:v2");

        Assert.Equal(["Untagged: localhost:5000/other/name:v2"], store.Remove("localhost:5000/other/name:v2").Select(r => r.ToString()));
        Assert.Equal(["one:latest"], store.Inspect(id.ToString()).RepoTags);

        store.Tag("one", "another");
        var e = Assert.Throws<ImageConflictException>(() => store.Remove(id.Hex[..12]));
        Assert.Equal($"conflict: unable to delete {id.ShortHex} (must be forced) - image is referenced in multiple repositories", e.Message);

        var forced = store.Remove(id.Hex[..12], force: true).Select(r => r.ToString()).ToList();
        Assert.Equal(["Untagged: another:latest", "Untagged: one:latest", $"Deleted: {id}", $"Deleted: {Digest.Compute(Base)}"], forced);
        Assert.Throws<ImageNotFoundException>(() => store.Inspect("one"));
    }

    [Fact]
    public void ImageUsedByAContainerIsNotDeleted()
    {
        using var root = new TempRoot();
        using var store = ImageStore.Open(root.Path);
        var (one, id) = ArchiveBuilder.DockerArchive("one:latest", Base);
        store.Load(new MemoryStream(one));
        store.Usage = new FakeUsage(id, "0123456789abcdef0123");

        var e = Assert.Throws<ImageConflictException>(() => store.Remove(id.ToString()));
        Assert.Contains("being used by container 0123456789ab", e.Message);
        // The last name of an image in use goes only when forced, as in Docker; the image stays for its container.
        var last = Assert.Throws<ImageConflictException>(() => store.Remove("one"));
        Assert.Contains("unable to remove repository reference \"one\" (must force) - container 0123456789ab", last.Message);
        Assert.Equal(["Untagged: one:latest"], store.Remove("one", force: true).Select(r => r.ToString()));
        Assert.Single(store.List());
        Assert.Empty(store.Prune(all: true).ImagesDeleted);
    }

    [Fact]
    public void RetaggingLeavesTheOldImageDanglingAndPruneRemovesIt()
    {
        using var root = new TempRoot();
        using var store = ImageStore.Open(root.Path);
        var (first, firstId) = ArchiveBuilder.DockerArchive("app:latest", Base);
        var (second, secondId) = ArchiveBuilder.DockerArchive("app:latest", Base, TopOne);
        store.Load(new MemoryStream(first));
        store.Load(new MemoryStream(second));

        Assert.Equal(secondId, store.Resolve("app"));
        var dangling = store.List(new ImageFilters { Dangling = true });
        Assert.Equal([firstId.ToString()], dangling.Select(i => i.Id));
        Assert.Empty(dangling[0].RepoTags);

        var pruned = store.Prune(all: false);
        Assert.Equal([$"Deleted: {firstId}"], pruned.ImagesDeleted.Select(r => r.ToString()));
        // Only the first image's config and manifest blobs go: the base layer is the second image's too.
        Assert.InRange(pruned.SpaceReclaimed, 1, 4096);
        Assert.True(Directory.Exists(Path.Combine(root.Path, "layers", Digest.Compute(Base).Hex, "diff")));
        Assert.Single(store.List());
        Assert.Equal(0, store.Check(repair: false).Count);
    }

    private sealed class FakeUsage(Digest image, string container) : IImageUsage
    {
        public IReadOnlyList<string> ContainersUsing(Digest imageId) => imageId == image ? [container] : [];
    }
}
