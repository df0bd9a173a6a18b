using Berth.Api.Models.Images;
using Berth.Images.Models;
using Berth.Oci;

namespace Berth.Images;

// Garbage collection, crash repair and `berth system check`. References live
// only in berth.db, so "unreferenced" is a query, and every file step is
// either redone or harmless when a crash interrupts it.
public sealed partial class ImageStore
{
    // Runs on Open: deletes what no committed row references (files of a load
    // that crashed before its commit, or of a delete that crashed after its
    // commit), temp files, LayerApplier staging dirs and load scratch space.
    public void Repair()
    {
        lock (_gate)
        {
            RemoveScratch();
            Blobs.RemoveStrayFiles();
            Layers.RemoveStrayEntries();
            CollectGarbage();
            RemoveUnknownFiles();
        }
    }

    // Verifies every blob's digest and every reference; with repair, fixes
    // what it can. Returns the problems found (fixed or not).
    public CheckReport Check(bool repair)
    {
        lock (_gate)
        {
            var report = new CheckReport { Repaired = repair };
            var problems = report.Problems;
            var brokenImages = new HashSet<Digest>();

            var blobRows = Db.ListBlobs();
            var blobSet = blobRows.Select(b => b.Digest).ToHashSet();
            foreach (var blob in blobRows)
            {
                string? problem = null;
                if (!Blobs.Exists(blob.Digest))
                    problem = $"blob {blob.Digest} is missing";
                else if (!Blobs.Verify(blob.Digest))
                    problem = $"blob {blob.Digest} is corrupt: its content no longer matches its digest";
                if (problem is null)
                    continue;
                problems.Add(problem);
                if (!repair)
                    continue;
                // A corrupt blob is worse than a missing one: remove it. Images
                // whose config it was cannot be read any more and go too; an
                // image that lost a layer or manifest blob still runs from its
                // unpacked layers, but cannot be saved until it is loaded again.
                Blobs.Delete(blob.Digest);
                foreach (var image in Db.ImagesUsingBlob(blob.Digest))
                {
                    if (Db.GetImage(image) is { } record && record.ConfigDigest == blob.Digest)
                        brokenImages.Add(image);
                }
                if (!Db.ListImages().Any(i => i.ConfigDigest == blob.Digest))
                    Db.ForgetBlob(blob.Digest);
            }

            var layerRows = Db.ListLayers();
            foreach (var layer in layerRows)
            {
                var onDisk = Layers.Get(layer.ChainId);
                string? problem = onDisk is null
                    ? $"layer {layer.ChainId} is missing from {Layers.Directory}"
                    : onDisk.DiffId != layer.DiffId
                        ? $"layer {layer.ChainId} says diff ID {onDisk.DiffId} on disk but {layer.DiffId} in the database"
                        : null;
                if (problem is null)
                    continue;
                problems.Add(problem);
                foreach (var image in Db.ListImages().Where(i => Db.LayersOf(i.Id).Contains(layer.ChainId)))
                    brokenImages.Add(image.Id);
            }

            foreach (var image in Db.ListImages())
            {
                if (!blobSet.Contains(image.ConfigDigest))
                {
                    problems.Add($"image {image.Id} has no config blob record");
                    brokenImages.Add(image.Id);
                }
            }

            var referencedBlobs = Db.UnreferencedBlobs();
            problems.AddRange(referencedBlobs.Select(b => $"blob {b} is recorded but no image references it"));
            problems.AddRange(Db.UnreferencedLayers().Select(l => $"layer {l} is recorded but no image references it"));
            problems.AddRange(Blobs.List().Where(b => !blobSet.Contains(b)).Select(b => $"blob file {Blobs.PathOf(b)} is not recorded in the database"));
            var layerSet = layerRows.Select(l => l.ChainId).ToHashSet();
            problems.AddRange(Layers.List().Where(l => !layerSet.Contains(l)).Select(l => $"layer directory {Layers.PathOf(l)} is not recorded in the database"));

            if (repair)
            {
                foreach (var image in brokenImages)
                {
                    problems.Add($"image {image} is unusable ({string.Join(", ", Db.TagsOf(image).Select(Familiar).DefaultIfEmpty("untagged"))}): removed; load or pull it again");
                    using (Db.BeginTransaction())
                    {
                        Db.DeleteImage(image);
                        Db.Commit();
                    }
                }
                RemoveScratch();
                Blobs.RemoveStrayFiles();
                Layers.RemoveStrayEntries();
                CollectGarbage();
                RemoveUnknownFiles();
            }
            return report;
        }
    }

    // Deletes unreferenced layers and blobs: rows first are read, files go,
    // then the rows. A crash between leaves rows whose files are gone, which
    // the next pass deletes (deleting a missing file is not an error).
    // Returns the chain IDs of the layers removed and the bytes freed.
    private (List<Digest> Layers, long Bytes) CollectGarbage()
    {
        var removedLayers = new List<Digest>();
        long bytes = 0;
        foreach (var chainId in Db.UnreferencedLayers())
        {
            bytes += Layers.DiskSize(chainId);
            Layers.Delete(chainId);
            Db.DeleteLayer(chainId);
            removedLayers.Add(chainId);
        }
        foreach (var digest in Db.UnreferencedBlobs())
        {
            if (Blobs.Exists(digest))
                bytes += Blobs.SizeOf(digest);
            Blobs.Delete(digest);
            Db.DeleteBlob(digest);
        }
        return (removedLayers, bytes);
    }

    // Files that no row names: written by a load that never committed.
    private void RemoveUnknownFiles()
    {
        var blobSet = Db.ListBlobs().Select(b => b.Digest).ToHashSet();
        foreach (var blob in Blobs.List().Where(b => !blobSet.Contains(b)).ToList())
            Blobs.Delete(blob);
        var layerSet = Db.ListLayers().Select(l => l.ChainId).ToHashSet();
        foreach (var layer in Layers.List().Where(l => !layerSet.Contains(l)).ToList())
            Layers.Delete(layer);
    }

    private void RemoveScratch()
    {
        if (Directory.Exists(ScratchDirectory))
            Directory.Delete(ScratchDirectory, recursive: true);
    }
}
