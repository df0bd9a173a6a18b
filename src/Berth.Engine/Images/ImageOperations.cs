using System.Globalization;
using Berth.Engine.Events;
using Berth.Images;
using Berth.Api.Models.Images;
using Berth.Images.Models;
using Berth.Images.References;
using Berth.Oci;

namespace Berth.Engine.Images;

// The image store's changes, each followed by the image events dockerd 28 (graphdriver store) logs for it,
// so every caller of the API gets the same /events stream.
public sealed class ImageOperations(ImageStore store, EventBus events)
{
    public const string EventType = "image";

    public void Tag(string source, string target)
    {
        store.Tag(source, target);
        var id = store.Resolve(source).ToString();
        Publish("tag", id, ImageReference.ParseWithDefaultTag(target).ToFamiliarString());
    }

    public IReadOnlyList<DeleteResponseItem> Remove(string reference, bool force, bool prune)
    {
        // Labels and the ID are read first: after the last name goes the image may be gone.
        var id = store.Resolve(reference).ToString();
        var labels = Labels(id);
        var items = store.Remove(reference, force, prune);
        PublishRemoval(items, id, labels, new HashSet<string> { id });
        return items;
    }

    // Docker logs each pruned image's untag/delete events as rmi would, then one prune event for the whole run.
    public PruneResult Prune(bool all, ImageFilters? filters)
    {
        // The store also lists the layers it removed; only images get delete events, as in Docker.
        var images = store.List(null, all: true).Select(i => i.Id).ToHashSet();
        var result = store.Prune(all, filters);
        var pending = new List<DeleteResponseItem>();
        foreach (var item in result.ImagesDeleted)
        {
            pending.Add(item);
            if (item.Deleted is { } deleted && images.Contains(deleted))
            {
                PublishRemoval(pending, deleted, null, images);
                pending.Clear();
            }
        }
        events.Publish(EventType, "prune", "",
            new Dictionary<string, string> { ["reclaimed"] = result.SpaceReclaimed.ToString(CultureInfo.InvariantCulture) });
        return result;
    }

    // One load event per image in the archive, named by its ID; the archive's tags are set without tag events.
    public LoadResult Load(Stream archive)
    {
        var result = store.Load(archive);
        foreach (var id in result.ImageIds.Distinct())
            Publish("load", id, id);
        return result;
    }

    // An import that names the image tags it first (a tag event), then logs the import.
    public Digest Import(Stream tar, string? repoTag, IEnumerable<string>? changes, string? message, string source, string? platform)
    {
        var id = store.Import(tar, repoTag, changes, message, source, platform);
        if (repoTag is not null)
            Publish("tag", id.ToString(), ImageReference.ParseWithDefaultTag(repoTag).ToFamiliarString());
        Publish("import", id.ToString(), id.ToString());
        return id;
    }

    // Names are resolved before a byte is written, as the store does, so the events name what was saved.
    public void Save(IReadOnlyList<string> references, Stream output)
    {
        var ids = references.Select(r => store.Resolve(r).ToString()).Distinct().ToList();
        store.Save(references, output);
        foreach (var id in ids)
            Publish("save", id, id);
    }

    // Untags come before the delete that ends them; graphdriver names both by the image ID.
    private void PublishRemoval(IEnumerable<DeleteResponseItem> items, string id, Dictionary<string, string>? labels, IReadOnlySet<string> images)
    {
        foreach (var item in items)
        {
            if (item.Untagged is not null)
                Publish("untag", id, id, labels);
            else if (item.Deleted is { } deleted && images.Contains(deleted))
                Publish("delete", deleted, deleted);
        }
    }

    private void Publish(string action, string id, string name, Dictionary<string, string>? labels = null)
    {
        var attributes = labels is null ? Labels(id) : new Dictionary<string, string>(labels);
        attributes["name"] = name;
        events.Publish(EventType, action, id, attributes);
    }

    // The image's labels, as Docker copies them into its events; none once the image is deleted.
    private Dictionary<string, string> Labels(string id)
    {
        try
        {
            return new Dictionary<string, string>(store.GetConfig(id).Config?.Labels ?? []);
        }
        catch (ImageNotFoundException)
        {
            return [];
        }
    }
}
