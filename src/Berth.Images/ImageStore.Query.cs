using Berth.Api.Models.Images;
using Berth.Images.Models;
using Berth.Images.References;
using Berth.Oci;
using Berth.Oci.Image;
using Berth.Storage.Layers;
using Berth.Storage.Metadata;

namespace Berth.Images;

// images, image inspect, history and system df.
public sealed partial class ImageStore
{
    // `all` (-a) would add intermediate images; Berth keeps none, so it only
    // exists for the API's sake.
    public IReadOnlyList<ImageSummary> List(ImageFilters? filters = null, bool all = false)
    {
        _ = all;
        lock (_gate)
        {
            return Db.ListImages()
                .Where(i => filters is null || filters.Matches(this, i))
                .Select(Summarize)
                .ToList();
        }
    }

    public ImageInspect Inspect(string reference)
    {
        lock (_gate)
        {
            var id = ResolveLocked(reference);
            var image = Db.GetImage(id)!;
            var config = ReadConfigOf(image);
            var layers = Db.LayersOf(id);
            var data = new Dictionary<string, string>();
            if (layers.Count > 0)
            {
                data["UpperDir"] = Layers.DiffDirectory(layers[^1]);
                if (layers.Count > 1)
                    data["LowerDir"] = string.Join(':', layers.Take(layers.Count - 1).Reverse().Select(Layers.DiffDirectory));
            }
            return new ImageInspect
            {
                Id = id.ToString(),
                RepoTags = Db.TagsOf(id).Select(Familiar).ToList(),
                RepoDigests = Db.RepoDigestsOf(id).Select(Familiar).ToList(),
                Comment = config.Comment ?? config.History?.LastOrDefault()?.Comment ?? "",
                Created = GoTime.Normalize(RawCreated(image), config.Created),
                DockerVersion = config.DockerVersion ?? "",
                Author = config.Author ?? "",
                Config = config.Config,
                Architecture = config.Architecture,
                Variant = config.Variant,
                Os = config.Os,
                OsVersion = config.OsVersion,
                Size = image.Size,
                GraphDriver = new GraphDriverData { Data = data },
                RootFS = new InspectRootFs { Layers = config.RootFs.DiffIds.Select(d => d.ToString()).ToList() },
                Metadata = new InspectMetadata
                {
                    LastTagTime = image.LastTagTime is { } tagged ? GoTime.Format(tagged) : "0001-01-01T00:00:00Z",
                },
            };
        }
    }

    // Newest first; a step that made a layer shows that layer's size.
    public IReadOnlyList<HistoryItem> History(string reference)
    {
        lock (_gate)
        {
            var id = ResolveLocked(reference);
            var image = Db.GetImage(id)!;
            var config = ReadConfigOf(image);
            var layers = Db.LayersOf(id).Select(c => Db.GetLayer(c)?.Size ?? 0).ToList();
            var history = config.History ?? layers.Select(_ => new HistoryEntry { Created = config.Created }).ToList();
            var items = new List<HistoryItem>();
            var layer = 0;
            foreach (var entry in history)
            {
                long size = 0;
                if (entry.EmptyLayer != true && layer < layers.Count)
                    size = layers[layer++];
                items.Add(new HistoryItem
                {
                    Created = entry.Created?.ToUnixTimeSeconds() ?? 0,
                    CreatedBy = entry.CreatedBy ?? "",
                    Comment = entry.Comment ?? "",
                    Size = size,
                });
            }
            items.Reverse();
            if (items.Count > 0)
            {
                items[0].Id = id.ToString();
                var tags = Db.TagsOf(id).Select(Familiar).ToList();
                items[0].Tags = tags.Count > 0 ? tags : null;
            }
            return items;
        }
    }

    // Measured on disk: every layer directory and blob as it really is, so the
    // totals agree with du even if the database and the disk disagree.
    public ImageDiskUsage DiskUsage()
    {
        lock (_gate)
        {
            var layerSizes = Layers.List().ToDictionary(c => c, Layers.DiskSize);
            var usage = new ImageDiskUsage
            {
                LayersSize = layerSizes.Values.Sum(),
                BlobsSize = Blobs.TotalSize(),
            };
            var images = Db.ListImages();
            var layersOf = images.ToDictionary(i => i.Id, i => Db.LayersOf(i.Id));
            var users = new Dictionary<Digest, int>();
            foreach (var chain in layersOf.Values.SelectMany(l => l))
                users[chain] = users.GetValueOrDefault(chain) + 1;
            var inUse = new HashSet<Digest>();
            foreach (var image in images)
            {
                var summary = Summarize(image);
                var containers = Usage.ContainersUsing(image.Id).Count;
                summary.Containers = containers;
                summary.Size = layersOf[image.Id].Sum(c => layerSizes.GetValueOrDefault(c));
                summary.SharedSize = layersOf[image.Id].Where(c => users[c] > 1).Sum(c => layerSizes.GetValueOrDefault(c));
                if (containers > 0)
                    inUse.UnionWith(layersOf[image.Id]);
                usage.Images.Add(summary);
            }
            usage.Reclaimable = layerSizes.Where(kv => !inUse.Contains(kv.Key)).Sum(kv => kv.Value);
            return usage;
        }
    }

    private string? RawCreated(ImageRecord image)
    {
        using var document = System.Text.Json.JsonDocument.Parse(Blobs.ReadAll(image.ConfigDigest));
        return document.RootElement.TryGetProperty("created", out var created) && created.ValueKind == System.Text.Json.JsonValueKind.String
            ? created.GetString()
            : null;
    }

    internal ImageConfig ReadConfigOf(ImageRecord image) => ImageId.ParseConfig(Blobs.ReadAll(image.ConfigDigest));

    internal DateTimeOffset? CreatedOf(string reference) => Db.GetImage(ResolveLocked(reference))?.Created;

    private ImageSummary Summarize(ImageRecord image)
    {
        var labels = Blobs.Exists(image.ConfigDigest) ? ReadConfigOf(image).Config?.Labels : null;
        return new ImageSummary
        {
            Id = image.Id.ToString(),
            RepoTags = Db.TagsOf(image.Id).Select(Familiar).ToList(),
            RepoDigests = Db.RepoDigestsOf(image.Id).Select(Familiar).ToList(),
            Created = image.Created?.ToUnixTimeSeconds() ?? 0,
            Size = image.Size,
            Labels = labels ?? [],
        };
    }
}
