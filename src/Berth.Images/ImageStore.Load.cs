using System.Text.Json;
using Berth.Images.Archives;
using Berth.Api.Models.Images;
using Berth.Images.Models;
using Berth.Images.References;
using Berth.Oci;
using Berth.Oci.Image;

namespace Berth.Images;

// docker load: archives from `docker save` of Docker 20.10 (manifest.json and
// one folder per layer), of Docker 25+ (the same manifest.json over an OCI
// layout) and plain OCI image layout archives (index.json only).
public sealed partial class ImageStore
{
    private const string RefNameAnnotation = "org.opencontainers.image.ref.name";
    private const string ContainerdNameAnnotation = "io.containerd.image.name";

    public LoadResult Load(Stream archive)
    {
        lock (_gate)
        {
            Directory.CreateDirectory(ScratchDirectory);
            var ids = new List<string>();
            var tags = new List<string>();
            var messages = new List<string>();
            try
            {
                using var contents = ArchiveContents.Extract(archive, ScratchDirectory);
                if (contents.Contains("manifest.json"))
                    LoadDockerArchive(contents, ids, tags, messages);
                else if (contents.Contains("index.json"))
                    LoadOciLayout(contents, ids, tags, messages);
                else
                    throw new InvalidArchiveException("the archive has neither manifest.json (docker save) nor index.json (OCI image layout)");
            }
            finally
            {
                // Whatever a failed load stored before failing is unreferenced: drop it now.
                CollectGarbage();
                RemoveUnknownFiles();
                RemoveScratch();
            }
            return new LoadResult(ids, tags, messages);
        }
    }

    private void LoadDockerArchive(ArchiveContents contents, List<string> ids, List<string> tags, List<string> messages)
    {
        var entries = Deserialize(contents.ReadAllBytes("manifest.json"), StoreJsonContext.Default.ListArchiveManifestEntry, "manifest.json");
        foreach (var entry in entries)
        {
            var config = contents.ReadAllBytes(entry.Config);
            var layers = entry.Layers.Select(path => new LayerSource(() => contents.Open(path))).ToList();
            var repoTags = (entry.RepoTags ?? []).Select(t => ParseTarget(t).ToString()).ToList();
            var id = ContentCommitter.Commit(this, config, layers, null, repoTags);
            Report(id, repoTags, ids, tags, messages);
        }
    }

    private void LoadOciLayout(ArchiveContents contents, List<string> ids, List<string> tags, List<string> messages)
    {
        var index = Deserialize(contents.ReadAllBytes("index.json"), ImageJson.Context.ImageIndex, "index.json");
        foreach (var descriptor in index.Manifests)
        {
            var manifestDescriptor = PickManifest(contents, descriptor);
            var manifestJson = ReadBlob(contents, manifestDescriptor.Digest);
            var manifest = Deserialize(manifestJson, ImageJson.Context.ImageManifest, $"manifest {manifestDescriptor.Digest}");
            var config = ReadBlob(contents, manifest.Config.Digest);
            var layers = manifest.Layers.Select(l => new LayerSource(() => OpenBlob(contents, l.Digest))).ToList();
            var name = TagFromAnnotations(descriptor.Annotations);
            var repoTags = name is null ? new List<string>() : [name];
            var id = ContentCommitter.Commit(this, config, layers, manifestJson, repoTags);
            Report(id, repoTags, ids, tags, messages);
        }
    }

    // An index entry may itself be an index (multi-platform): take this
    // machine's platform, else the first image in it.
    private static Descriptor PickManifest(ArchiveContents contents, Descriptor descriptor)
    {
        for (var depth = 0; MediaTypes.IsIndex(descriptor.MediaType); depth++)
        {
            if (depth > 4)
                throw new InvalidArchiveException("image indexes nest too deeply");
            var nested = Deserialize(ReadBlob(contents, descriptor.Digest), ImageJson.Context.ImageIndex, $"index {descriptor.Digest}");
            var arch = Platforms.CurrentArchitecture;
            descriptor = nested.Manifests.FirstOrDefault(m => m.Platform is { Os: "linux" } p && p.Architecture == arch && MediaTypes.IsManifest(m.MediaType))
                ?? nested.Manifests.FirstOrDefault(m => MediaTypes.IsManifest(m.MediaType))
                ?? throw new InvalidArchiveException($"index {descriptor.Digest} lists no image manifest");
        }
        return descriptor;
    }

    // containerd's full-name annotation first; the OCI ref name counts only
    // when it is a whole reference ("fixture:2layers"), not a bare tag.
    private static string? TagFromAnnotations(Dictionary<string, string>? annotations)
    {
        if (annotations is null)
            return null;
        foreach (var key in new[] { ContainerdNameAnnotation, RefNameAnnotation })
        {
            if (annotations.TryGetValue(key, out var value) && ImageReference.TryParse(value, out var reference)
                && reference is { Tag: not null, Digest: null }
                && (key == ContainerdNameAnnotation || value.Contains(':')))
                return reference.ToString();
        }
        return null;
    }

    private static byte[] ReadBlob(ArchiveContents contents, Digest digest)
    {
        var bytes = contents.ReadAllBytes(BlobPath(digest));
        var actual = Digest.Compute(bytes);
        return actual == digest ? bytes : throw new InvalidArchiveException($"blob {digest} in the archive hashes to {actual}");
    }

    // Layer blobs are hashed while the blob store copies them in.
    private static Stream OpenBlob(ArchiveContents contents, Digest digest) =>
        new VerifyingStream(contents.Open(BlobPath(digest)), digest);

    private static string BlobPath(Digest digest) => $"blobs/{digest.Algorithm}/{digest.Hex}";

    private static void Report(Digest id, List<string> repoTags, List<string> ids, List<string> tags, List<string> messages)
    {
        ids.Add(id.ToString());
        var familiar = repoTags.Select(Familiar).ToList();
        tags.AddRange(familiar);
        if (familiar.Count == 0)
            messages.Add($"Loaded image ID: {id}");
        else
            messages.AddRange(familiar.Select(t => $"Loaded image: {t}"));
    }

    private static T Deserialize<T>(byte[] json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string what)
    {
        try
        {
            return JsonSerializer.Deserialize(json, type) ?? throw new InvalidArchiveException($"{what} is empty");
        }
        catch (JsonException e)
        {
            throw new InvalidArchiveException($"{what} in the archive is not valid: {e.Message}");
        }
    }
}
