using System.Globalization;
using Berth.Oci;
using Berth.Oci.Image;
using Berth.Storage.Archive;

namespace Berth.Storage.Layers;

// Unpacked layers under <root>/layers/<chain-id-hex>/: diff/ holds the files
// (overlayfs lower dir), diff-id, parent and size the layer's metadata. Keyed
// by chain ID, so a layer stack shared by two images is stored once. A layer
// is built in a temp directory and renamed into place complete, so a
// directory named by a chain ID is always a whole layer.
public sealed class LayerStore
{
    private const string TempPrefix = ".tmp-";

    public LayerStore(string dataRoot)
    {
        Directory = Path.Combine(dataRoot, "layers");
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public string PathOf(Digest chainId) => Path.Combine(Directory, chainId.Hex);

    public string DiffDirectory(Digest chainId) => Path.Combine(PathOf(chainId), "diff");

    public bool Exists(Digest chainId) => System.IO.Directory.Exists(DiffDirectory(chainId));

    // Unpacks a layer blob on top of parent (default for a base layer). When
    // expectedDiffId is given and the tar hashes to something else, nothing is kept.
    public LayerInfo Create(Digest parent, Stream blob, Digest? expectedDiffId = null, LayerApplyOptions? options = null)
    {
        var temp = Path.Combine(Directory, $"{TempPrefix}{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(temp);
        try
        {
            var result = LayerApplier.Apply(blob, Path.Combine(temp, "diff"), options);
            if (expectedDiffId is { } want && want != result.DiffId)
                throw new InvalidLayerException($"layer diff ID mismatch: the image config says {want}, the layer tar hashes to {result.DiffId}");
            var chainId = ChainId.Next(parent, result.DiffId);
            var info = new LayerInfo(chainId, result.DiffId, parent.IsEmpty ? null : parent, result.Size);
            WriteMetadata(temp, info);
            var final = PathOf(chainId);
            if (System.IO.Directory.Exists(final))
                DeleteTree(temp);
            else
                System.IO.Directory.Move(temp, final);
            return info;
        }
        catch
        {
            DeleteTree(temp);
            throw;
        }
    }

    public LayerInfo? Get(Digest chainId)
    {
        var dir = PathOf(chainId);
        if (!System.IO.Directory.Exists(Path.Combine(dir, "diff")))
            return null;
        try
        {
            var diffId = Digest.Parse(File.ReadAllText(Path.Combine(dir, "diff-id")).Trim());
            var parentText = File.ReadAllText(Path.Combine(dir, "parent")).Trim();
            var size = long.Parse(File.ReadAllText(Path.Combine(dir, "size")).Trim(), CultureInfo.InvariantCulture);
            return new LayerInfo(chainId, diffId, parentText.Length == 0 ? null : Digest.Parse(parentText), size);
        }
        catch (Exception e) when (e is IOException or FormatException)
        {
            return null;
        }
    }

    public void Delete(Digest chainId)
    {
        var dir = PathOf(chainId);
        if (!System.IO.Directory.Exists(dir))
            return;
        // Rename first so a crash mid-delete leaves a temp dir Repair removes,
        // never a half-empty directory that still looks like a layer.
        var doomed = Path.Combine(Directory, $"{TempPrefix}del-{Guid.NewGuid():N}");
        System.IO.Directory.Move(dir, doomed);
        DeleteTree(doomed);
    }

    public IEnumerable<Digest> List()
    {
        foreach (var dir in System.IO.Directory.EnumerateDirectories(Directory))
        {
            if (Digest.TryParse($"{Digest.Sha256}:{Path.GetFileName(dir)}", out var chainId))
                yield return chainId;
        }
    }

    // Temp dirs of interrupted creates and deletes (and LayerApplier's
    // .applying-* staging dirs inside them, or anywhere at the top).
    public int RemoveStrayEntries()
    {
        var removed = 0;
        foreach (var entry in System.IO.Directory.EnumerateFileSystemEntries(Directory))
        {
            if (Digest.TryParse($"{Digest.Sha256}:{Path.GetFileName(entry)}", out _) && System.IO.Directory.Exists(entry))
            {
                foreach (var staging in System.IO.Directory.EnumerateDirectories(entry, ".*.applying-*"))
                {
                    DeleteTree(staging);
                    removed++;
                }
                continue;
            }
            if (System.IO.Directory.Exists(entry) && !File.GetAttributes(entry).HasFlag(FileAttributes.ReparsePoint))
                DeleteTree(entry);
            else
                File.Delete(entry);
            removed++;
        }
        return removed;
    }

    // Bytes the layer really takes: regular files counted by size once per inode.
    public long DiskSize(Digest chainId) => DiskUsage.Of(PathOf(chainId));

    private static void WriteMetadata(string dir, LayerInfo info)
    {
        File.WriteAllText(Path.Combine(dir, "diff-id"), info.DiffId.ToString());
        File.WriteAllText(Path.Combine(dir, "parent"), info.Parent?.ToString() ?? "");
        File.WriteAllText(Path.Combine(dir, "size"), info.Size.ToString(CultureInfo.InvariantCulture));
    }

    private static void DeleteTree(string dir)
    {
        if (System.IO.Directory.Exists(dir))
            System.IO.Directory.Delete(dir, recursive: true);
    }
}

public sealed record LayerInfo(Digest ChainId, Digest DiffId, Digest? Parent, long Size);
