using System.Formats.Tar;
using Berth.Linux.FileSystem;
using Berth.Oci;

namespace Berth.Storage.Archive;

// Unpacks a layer tar (plain, gzip or zstd) into a new directory, turning OCI
// whiteouts into overlayfs whiteouts. All or nothing: it unpacks into a fresh
// sibling directory that no one else writes to, and renames that into place
// only when the whole layer applied; on any failure the sibling is removed
// and the target never appears.
public static class LayerApplier
{
    public static LayerApplyResult Apply(Stream layer, string targetDirectory, LayerApplyOptions? options = null)
    {
        options ??= new LayerApplyOptions();
        var target = Path.GetFullPath(targetDirectory).TrimEnd('/');
        var parent = Path.GetDirectoryName(target)
            ?? throw new ArgumentException("cannot apply a layer onto /", nameof(targetDirectory));
        if (Path.Exists(target))
            throw new IOException($"cannot apply layer to {target}: it already exists");

        var staging = Path.Combine(parent, $".{Path.GetFileName(target)}.applying-{Guid.NewGuid():N}");
        Directory.CreateDirectory(parent);
        FileCalls.Mkdir(staging, LayerTreeWriter.ImplicitDirectoryMode);
        try
        {
            // 0755 whatever the umask (unless the layer's "./" entry says otherwise):
            // the layer root becomes the container's "/".
            FileCalls.Chmod(staging, LayerTreeWriter.ImplicitDirectoryMode);
            var (tar, compression) = LayerDecompressor.Open(layer);
            using var counted = new DigestingReadStream(tar, options.MaxUncompressedBytes);
            var tree = new LayerTreeWriter(staging);
            Digest diffId;
            try
            {
                var tap = new PaxRecordTap(counted);
                using (var reader = new TarReader(tap, leaveOpen: true))
                {
                    while (reader.GetNextEntry() is { } entry)
                        tree.Write(entry, tap.TakeNextEntryXattrs());
                }
                diffId = counted.DrainAndGetDigest();
            }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException)
            {
                throw new InvalidLayerException($"layer is not a valid {Describe(compression)}: {e.Message}", e);
            }
            catch (ZstdSharp.ZstdException e)
            {
                throw new InvalidLayerException($"layer is not a valid {Describe(compression)}: {e.Message}", e);
            }
            tree.Finish();
            Directory.Move(staging, target);
            return new LayerApplyResult(diffId, tree.ContentSize, compression);
        }
        catch
        {
            TryDelete(staging);
            throw;
        }
    }

    private static string Describe(LayerCompression compression) => compression switch
    {
        LayerCompression.Gzip => "gzip-compressed tar archive",
        LayerCompression.Zstd => "zstd-compressed tar archive",
        _ => "tar archive",
    };

    private static void TryDelete(string directory)
    {
        try
        {
            // Recursive delete removes symlinks themselves, never what they point to.
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Leftover staging dirs are named .*.applying-*, for the store's repair pass.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
