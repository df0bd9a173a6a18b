using System.Formats.Tar;
using System.Text.Json;
using Berth.Images.Archives;
using Berth.Api.Models.Images;
using Berth.Images.Models;
using Berth.Images.References;
using Berth.Oci;
using Berth.Oci.Image;

namespace Berth.Images;

// docker save, as Docker 25+ writes it: an OCI image layout (oci-layout,
// index.json, blobs/sha256/...) that also carries the legacy manifest.json and
// repositories, so both `docker load` of any version and OCI tools read it.
public sealed partial class ImageStore
{
    public void Save(IEnumerable<string> references, Stream output)
    {
        lock (_gate)
        {
            var plan = new List<(Digest Id, ImageManifest Manifest, Digest ManifestDigest, long ManifestSize, List<ImageReference> Tags)>();
            foreach (var text in references)
            {
                var id = ResolveLocked(text);
                var image = Db.GetImage(id)!;
                var manifestDigest = image.ManifestDigest
                    ?? throw new InvalidImageInputException($"image {id.ShortHex} has no stored manifest; load or pull it again to save it");
                RequireBlob(id, manifestDigest);
                var manifest = JsonSerializer.Deserialize(Blobs.ReadAll(manifestDigest), ImageJson.Context.ImageManifest)!;
                RequireBlob(id, manifest.Config.Digest);
                foreach (var layer in manifest.Layers)
                    RequireBlob(id, layer.Digest);
                var existing = plan.FindIndex(p => p.Id == id);
                var tag = NamedTag(text, id);
                if (existing >= 0)
                {
                    if (tag is not null && !plan[existing].Tags.Contains(tag))
                        plan[existing].Tags.Add(tag);
                    continue;
                }
                plan.Add((id, manifest, manifestDigest, Blobs.SizeOf(manifestDigest), tag is null ? [] : [tag]));
            }

            using var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true);
            WriteDirectory(writer, "blobs/");
            WriteDirectory(writer, "blobs/sha256/");
            var written = new HashSet<Digest>();
            foreach (var (_, manifest, manifestDigest, _, _) in plan)
            {
                foreach (var digest in manifest.Layers.Select(l => l.Digest).Append(manifest.Config.Digest).Append(manifestDigest))
                {
                    if (written.Add(digest))
                    {
                        using var blob = Blobs.Open(digest);
                        WriteFile(writer, $"blobs/sha256/{digest.Hex}", blob);
                    }
                }
            }

            var index = new ImageIndex { MediaType = MediaTypes.OciIndex };
            var legacy = new List<ArchiveManifestEntry>();
            var repositories = new Dictionary<string, Dictionary<string, string>>();
            foreach (var (id, manifest, manifestDigest, manifestSize, tags) in plan)
            {
                var descriptors = tags.Count == 0 ? [null] : tags.Select(t => (ImageReference?)t).ToList();
                foreach (var tag in descriptors)
                {
                    index.Manifests.Add(new Descriptor
                    {
                        MediaType = manifest.MediaType ?? MediaTypes.OciManifest,
                        Digest = manifestDigest,
                        Size = manifestSize,
                        Annotations = tag is null ? null : new Dictionary<string, string>
                        {
                            [ContainerdNameAnnotation] = tag.ToString(),
                            [RefNameAnnotation] = tag.Tag!,
                        },
                    });
                }
                legacy.Add(new ArchiveManifestEntry
                {
                    Config = $"blobs/sha256/{manifest.Config.Digest.Hex}",
                    RepoTags = tags.Count == 0 ? null : tags.Select(t => t.ToFamiliarString()).ToList(),
                    Layers = manifest.Layers.Select(l => $"blobs/sha256/{l.Digest.Hex}").ToList(),
                });
                foreach (var tag in tags)
                {
                    if (!repositories.TryGetValue(tag.FamiliarName, out var repoTags))
                        repositories[tag.FamiliarName] = repoTags = [];
                    // Docker 20.10 names the top layer's folder; 25+ the top layer blob's hex.
                    repoTags[tag.Tag!] = manifest.Layers.Count > 0 ? manifest.Layers[^1].Digest.Hex : id.Hex;
                }
            }
            WriteFile(writer, "index.json", JsonSerializer.SerializeToUtf8Bytes(index, ImageJson.Context.ImageIndex));
            WriteFile(writer, "manifest.json", JsonSerializer.SerializeToUtf8Bytes(legacy, StoreJson.Context.ListArchiveManifestEntry));
            WriteFile(writer, "oci-layout", """{"imageLayoutVersion":"1.0.0"}"""u8.ToArray());
            if (repositories.Count > 0)
                WriteFile(writer, "repositories", JsonSerializer.SerializeToUtf8Bytes(repositories, StoreJson.Context.DictionaryStringDictionaryStringString));
        }
    }

    // The tag a save names: "name[:tag]" saves that tag; an ID saves no names.
    private ImageReference? NamedTag(string text, Digest id)
    {
        if (!ImageReference.TryParse(text, out var parsed) || parsed is null || parsed.Digest is not null)
            return null;
        var tag = parsed.WithTag(parsed.Tag ?? ImageReference.DefaultTag);
        return Db.ImageOfTag(tag.ToString()) == id ? tag : null;
    }

    private void RequireBlob(Digest image, Digest blob)
    {
        if (!Blobs.Exists(blob))
            throw new InvalidImageInputException(
                $"cannot save image {image.ShortHex}: its blob {blob} is missing (berth system check --repair may have removed it); load or pull the image again");
    }

    private static readonly DateTimeOffset ArchiveTime = DateTimeOffset.UnixEpoch;

    private static void WriteDirectory(TarWriter writer, string name) =>
        writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, name)
        {
            Mode = (UnixFileMode)0b111_101_101,
            ModificationTime = ArchiveTime,
        });

    private static void WriteFile(TarWriter writer, string name, byte[] content)
    {
        using var stream = new MemoryStream(content, writable: false);
        WriteFile(writer, name, stream);
    }

    private static void WriteFile(TarWriter writer, string name, Stream content) =>
        writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name)
        {
            Mode = (UnixFileMode)0b110_100_100,
            ModificationTime = ArchiveTime,
            DataStream = content,
        });
}
