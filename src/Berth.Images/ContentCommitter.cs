using Berth.Oci;
using Berth.Oci.Image;
using Berth.Storage.Archive;
using Berth.Storage.Blobs;
using Berth.Storage.Layers;
using Berth.Storage.Metadata;
using System.Text.Json;

namespace Berth.Images;

// A layer to store: its blob's bytes, already in the blob store or to be copied there.
internal sealed record LayerSource(Func<Stream> Open, Digest? Stored = null);

// Stores one image: blobs first, then unpacked layers, then the rows that make
// them referenced, in one transaction. Until that commit nothing references
// the new files, so a failure or crash before it leaves only garbage that the
// collector and Repair remove; after it, the image is whole.
internal static class ContentCommitter
{
    public static Digest Commit(ImageStore store, byte[] configJson, IReadOnlyList<LayerSource> layerSources,
        byte[]? manifestJson, IReadOnlyList<string> tags)
    {
        var config = ImageId.ParseConfig(configJson);
        var diffIds = config.RootFs.DiffIds;
        if (diffIds.Count != layerSources.Count)
            throw new InvalidImageInputException(
                $"the image config lists {diffIds.Count} layers but the manifest has {layerSources.Count}");

        var configBlob = store.Blobs.Put(configJson);
        var blobs = new List<BlobRecord> { new(configBlob.Digest, configBlob.Size, MediaTypes.OciConfig) };
        var layers = new List<LayerInfo>();
        var descriptors = new List<Descriptor>();
        var parent = default(Digest);
        for (var i = 0; i < layerSources.Count; i++)
        {
            var source = layerSources[i];
            BlobInfo blob;
            if (source.Stored is { } stored)
                blob = new BlobInfo(stored, store.Blobs.SizeOf(stored));
            else
                using (var input = source.Open())
                    blob = store.Blobs.Put(input);
            var mediaType = LayerMediaType(store.Blobs, blob.Digest);
            blobs.Add(new BlobRecord(blob.Digest, blob.Size, mediaType));
            descriptors.Add(new Descriptor { MediaType = mediaType, Digest = blob.Digest, Size = blob.Size });

            var chainId = ChainId.Next(parent, diffIds[i]);
            var layer = store.Layers.Get(chainId);
            if (layer is null)
            {
                using var input = store.Blobs.Open(blob.Digest);
                layer = store.Layers.Create(parent, input, diffIds[i]);
            }
            layers.Add(layer);
            parent = chainId;
        }

        // An archive without a manifest (Docker 20.10's) gets the OCI one
        // that describes exactly the blobs stored, so save can write it back.
        manifestJson ??= JsonSerializer.SerializeToUtf8Bytes(new ImageManifest
        {
            MediaType = MediaTypes.OciManifest,
            Config = new Descriptor { MediaType = MediaTypes.OciConfig, Digest = configBlob.Digest, Size = configBlob.Size },
            Layers = descriptors,
        }, ImageJson.Context.ImageManifest);
        var manifestBlob = store.Blobs.Put(manifestJson);
        blobs.Add(new BlobRecord(manifestBlob.Digest, manifestBlob.Size, MediaTypes.OciManifest));

        store.BeforeCommit?.Invoke();

        var id = configBlob.Digest;
        var now = DateTimeOffset.UtcNow;
        using (store.Db.BeginTransaction())
        {
            foreach (var blob in blobs)
                store.Db.PutBlob(blob);
            foreach (var layer in layers)
                store.Db.PutLayer(new LayerRecord(layer.ChainId, layer.DiffId, layer.Parent, layer.Size));
            store.Db.PutImage(new ImageRecord(id, configBlob.Digest, manifestBlob.Digest, config.Created,
                layers.Sum(l => l.Size), tags.Count > 0 ? now : null));
            store.Db.SetImageLayers(id, layers.Select(l => l.ChainId).ToList());
            foreach (var blob in blobs)
                store.Db.AddImageBlob(id, blob.Digest);
            foreach (var tag in tags)
                store.Db.SetTag(tag, id);
            if (tags.Count > 0)
                store.Db.SetLastTagTime(id, now);
            store.Db.Commit();
        }
        return id;
    }

    private static string LayerMediaType(BlobStore blobs, Digest digest)
    {
        using var input = blobs.Open(digest);
        var head = new byte[8];
        var n = input.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return LayerDecompressor.Detect(head.AsSpan(0, n)) switch
        {
            LayerCompression.Gzip => MediaTypes.OciLayerGzip,
            LayerCompression.Zstd => MediaTypes.OciLayerZstd,
            _ => MediaTypes.OciLayer,
        };
    }
}
