using Berth.Oci;
using Berth.Oci.Image;
using Berth.Storage.Archive;
using Berth.Storage.Layers;

namespace Berth.Storage.Tests.Layers;

// Layers are keyed by chain ID, built aside and renamed into place whole.
public class LayerStoreTests
{
    [Fact]
    public void StacksLayersByChainIdWithMetadata()
    {
        using var temp = new TempDir();
        var store = new LayerStore(temp.Path);
        var baseTar = Tars.Build(w => w.File("base", "b"));
        var topTar = Tars.Build(w => w.File("top", "t"));

        var bottom = store.Create(default, new MemoryStream(baseTar));
        var top = store.Create(bottom.ChainId, new MemoryStream(topTar), Digest.Compute(topTar));

        Assert.Equal(Digest.Compute(baseTar), bottom.ChainId);
        Assert.Null(bottom.Parent);
        Assert.Equal(ChainId.Of([Digest.Compute(baseTar), Digest.Compute(topTar)]), top.ChainId);
        Assert.Equal(bottom.ChainId, top.Parent);
        Assert.Equal(top, store.Get(top.ChainId));
        Assert.Equal("t", File.ReadAllText(Path.Combine(store.DiffDirectory(top.ChainId), "top")));
        Assert.Equal(2, store.List().Count());

        // The same stack again is the same directory.
        var again = store.Create(default, new MemoryStream(baseTar));
        Assert.Equal(bottom, again);
        Assert.Equal(2, Directory.GetFileSystemEntries(store.Directory).Length);
    }

    [Fact]
    public void WrongDiffIdKeepsNothing()
    {
        using var temp = new TempDir();
        var store = new LayerStore(temp.Path);
        var tar = Tars.Build(w => w.File("a"));
        Assert.Throws<InvalidLayerException>(() => store.Create(default, new MemoryStream(tar), Digest.Compute("other"u8)));
        Assert.Empty(Directory.GetFileSystemEntries(store.Directory));
    }

    [Fact]
    public void DeleteAndStrayEntries()
    {
        using var temp = new TempDir();
        var store = new LayerStore(temp.Path);
        var layer = store.Create(default, new MemoryStream(Tars.Build(w => w.File("a"))));
        Directory.CreateDirectory(Path.Combine(store.Directory, ".tmp-crashed", "diff"));
        Directory.CreateDirectory(Path.Combine(store.PathOf(layer.ChainId), ".diff.applying-0123"));

        Assert.Equal(2, store.RemoveStrayEntries());
        Assert.NotNull(store.Get(layer.ChainId));

        store.Delete(layer.ChainId);
        Assert.Empty(Directory.GetFileSystemEntries(store.Directory));
        Assert.Null(store.Get(layer.ChainId));
    }
}
