using System.Formats.Tar;
using Berth.Oci;

namespace Berth.Images.Tests;

// Archives with several images: layers shared inside the archive are written
// once (Docker 20.10 links them), and load stores them once.
public class MultiImageArchiveTests
{
    private static readonly byte[] Base = Fixtures.RootfsTar(("etc/base", "base"));
    private static readonly byte[] TopOne = Fixtures.RootfsTar(("one", "1"));
    private static readonly byte[] TopTwo = Fixtures.RootfsTar(("two", "2"));

    [Fact]
    public void SavingTwoImagesWritesTheSharedBaseOnceAndLoadsBoth()
    {
        using var root = new TempRoot();
        using var store = ImageStore.Open(root.Combine("a"));
        store.Load(new MemoryStream(ArchiveBuilder.DockerArchive("one:latest", Base, TopOne).Archive));
        store.Load(new MemoryStream(ArchiveBuilder.DockerArchive("two:latest", Base, TopTwo).Archive));
        using var saved = new MemoryStream();
        store.Save(["one", "two:latest"], saved);

        saved.Position = 0;
        var names = new List<string>();
        using (var reader = new TarReader(saved, leaveOpen: true))
            while (reader.GetNextEntry() is { } entry)
                names.Add(entry.Name);
        Assert.Single(names, n => n == $"blobs/sha256/{Digest.Compute(Base).Hex}");

        saved.Position = 0;
        using var other = ImageStore.Open(root.Combine("b"));
        var result = other.Load(saved);
        Assert.Equal(["Loaded image: one:latest", "Loaded image: two:latest"], result.Messages);
        Assert.Equal(3, Directory.GetDirectories(root.Combine("b", "layers")).Length);
    }

    [Fact]
    public void Docker2010SymlinkedLayerIsFollowedInsideTheArchive()
    {
        var (archive, id) = ArchiveBuilder.DockerArchive("linked:latest", Base, TopOne);
        // Move the base layer to another folder and link it back, as Docker 20.10 does for shared layers.
        using var rewritten = new MemoryStream();
        using (var reader = new TarReader(new MemoryStream(archive)))
        using (var writer = new TarWriter(rewritten, TarEntryFormat.Pax, leaveOpen: true))
        {
            var basePath = $"{Digest.Compute(Base).Hex}/layer.tar";
            while (reader.GetNextEntry(copyData: true) is { } entry)
            {
                if (entry.Name == basePath)
                {
                    writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "elsewhere/layer.tar") { DataStream = entry.DataStream });
                    writer.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, basePath) { LinkName = "../elsewhere/layer.tar" });
                    continue;
                }
                writer.WriteEntry(entry);
            }
        }
        rewritten.Position = 0;
        using var root = new TempRoot();
        using var store = ImageStore.Open(root.Path);
        Assert.Equal([id.ToString()], store.Load(rewritten).ImageIds);
    }

    [Fact]
    public void ArchivePathsCannotEscape()
    {
        using var evil = new MemoryStream();
        using (var writer = new TarWriter(evil, TarEntryFormat.Pax, leaveOpen: true))
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "../../escape") { DataStream = new MemoryStream([1]) });
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "manifest.json")
            {
                DataStream = new MemoryStream("[{\"Config\":\"../../etc/passwd\",\"Layers\":[]}]"u8.ToArray()),
            });
        }
        evil.Position = 0;
        using var root = new TempRoot();
        using var store = ImageStore.Open(root.Combine("data"));
        var e = Assert.ThrowsAny<IOException>(() => store.Load(evil));
        Assert.Contains("etc/passwd", e.Message);
        Assert.False(File.Exists(root.Combine("escape")));
        Assert.False(Directory.Exists(root.Combine("data", "tmp")));
    }
}

public class UntaggedLoadTests
{
    [Fact]
    public void UntaggedImageIsReportedByIdNextToATaggedOne()
    {
        var (tagged, _) = ArchiveBuilder.DockerArchive("named:1", Fixtures.RootfsTar(("a", "a")));
        var (untagged, untaggedId) = ArchiveBuilder.DockerArchive(null, Fixtures.RootfsTar(("b", "b")));
        using var root = new TempRoot();
        using var store = ImageStore.Open(root.Path);
        Assert.Equal(["Loaded image: named:1"], store.Load(new MemoryStream(tagged)).Messages);
        Assert.Equal([$"Loaded image ID: {untaggedId}"], store.Load(new MemoryStream(untagged)).Messages);
    }
}
