using System.Text.Json;
using Berth.Images.Import;
using Berth.Oci;
using Berth.Oci.Image;

namespace Berth.Images;

// docker import: a root filesystem tar (plain or compressed) becomes a
// one-layer image whose config carries the -c changes.
public sealed partial class ImageStore
{
    // source is what the history says it was imported from ("-" for stdin, a path or URL).
    public Digest Import(Stream tar, string? repoTag = null, IEnumerable<string>? changes = null,
        string? message = null, string source = "-", string? platform = null)
    {
        var tag = repoTag is null ? null : ParseTarget(repoTag).ToString();
        var containerConfig = new ContainerConfig();
        ImageChanges.Apply(containerConfig, changes ?? []);
        var (os, arch, variant) = ParsePlatform(platform);
        lock (_gate)
        {
            try
            {
                var blob = Blobs.Put(tar);
                Digest diffId;
                using (var layer = Blobs.Open(blob.Digest))
                {
                    var existing = Layers.Create(default, layer);
                    diffId = existing.DiffId;
                }
                var now = DateTimeOffset.UtcNow;
                var config = new ImageConfig
                {
                    Architecture = arch,
                    Os = os,
                    Variant = variant,
                    Created = now,
                    Config = containerConfig,
                    RootFs = new RootFs { DiffIds = [diffId] },
                    History = [new HistoryEntry { Created = now, Comment = message ?? $"Imported from {source}" }],
                };
                var configJson = JsonSerializer.SerializeToUtf8Bytes(config, ImageJson.Context.ImageConfig);
                return ContentCommitter.Commit(this, configJson, [new LayerSource(() => Blobs.Open(blob.Digest), blob.Digest)],
                    null, tag is null ? [] : [tag]);
            }
            finally
            {
                CollectGarbage();
                RemoveUnknownFiles();
            }
        }
    }

    private static (string Os, string Architecture, string? Variant) ParsePlatform(string? platform)
    {
        if (string.IsNullOrEmpty(platform))
            return ("linux", Platforms.CurrentArchitecture, null);
        var parts = platform.Split('/');
        if (parts.Length is < 2 or > 3 || parts.Any(p => p.Length == 0))
            throw new InvalidImageInputException($"invalid platform \"{platform}\": expected os/arch[/variant]");
        return (parts[0], parts[1], parts.Length == 3 ? parts[2] : null);
    }
}
