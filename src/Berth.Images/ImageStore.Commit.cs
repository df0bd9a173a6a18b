using System.Text.Json;
using Berth.Oci;
using Berth.Oci.Image;

namespace Berth.Images;

// docker commit: a new image made of a parent image's layers plus one more layer (a container's changes), with the
// config the caller built. The parent's layers are reused as they are stored; only the new layer is written.
public sealed partial class ImageStore
{
    // The digest of an empty tar (1024 zero bytes): a commit without changes adds no layer, as dockerd's does.
    public static readonly Digest EmptyTarDiffId = Digest.Parse("sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef");

    // layerTar is an uncompressed tar with diff ID diffId (or null for no new layer); config lists the parent's
    // diff IDs, which this appends to. repoTag may be null (an untagged image).
    public Digest Commit(string parent, Stream? layerTar, Digest diffId, ImageConfig config, string? repoTag)
    {
        var tag = repoTag is null ? null : ParseTarget(repoTag).ToString();
        lock (_gate)
        {
            try
            {
                var parentId = ResolveLocked(parent);
                var image = Db.GetImage(parentId) ?? throw new ImageNotFoundException(parent);
                var manifestDigest = image.ManifestDigest
                    ?? throw new InvalidImageInputException($"image {parentId.ShortHex} has no stored manifest; pull or load it again to commit on it");
                var manifest = JsonSerializer.Deserialize(Blobs.ReadAll(manifestDigest), ImageJson.Context.ImageManifest)
                    ?? throw new InvalidImageInputException($"image {parentId.ShortHex} has an unreadable manifest");
                var sources = manifest.Layers
                    .Select(l => new LayerSource(() => Blobs.Open(l.Digest), l.Digest))
                    .ToList();
                if (layerTar is not null)
                {
                    var blob = Blobs.Put(layerTar);
                    sources.Add(new LayerSource(() => Blobs.Open(blob.Digest), blob.Digest));
                    config.RootFs.DiffIds.Add(diffId);
                }
                var configJson = JsonSerializer.SerializeToUtf8Bytes(config, ImageJson.Context.ImageConfig);
                return ContentCommitter.Commit(this, configJson, sources, null, tag is null ? [] : [tag]);
            }
            finally
            {
                CollectGarbage();
                RemoveUnknownFiles();
            }
        }
    }
}
