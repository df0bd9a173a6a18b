using Berth.Api.Models.Images;
using Berth.Images.Models;
using Berth.Images.References;
using Berth.Oci;

namespace Berth.Images;

// rmi and image prune, with Docker's untag-versus-delete rules: removing a
// name removes that name, and the image goes with its last name; removing by
// ID removes every name and the image, which needs force when the image has
// several repositories' names; an image a container uses is never deleted.
public sealed partial class ImageStore
{
    // `prune` is Docker's inverse of --no-prune (delete untagged parents);
    // Berth images have no parent chain, so it changes nothing yet.
    public IReadOnlyList<DeleteResponseItem> Remove(string reference, bool force = false, bool prune = true)
    {
        _ = prune;
        lock (_gate)
        {
            var id = ResolveLocked(reference);
            var result = new List<DeleteResponseItem>();
            var containers = Usage.ContainersUsing(id);
            var byName = NameRemoved(reference, id);
            if (byName is not null)
            {
                // The last name of an image a container runs from goes only when forced, as in Docker.
                if (containers.Count > 0 && !force && Db.TagsOf(id).Count + Db.RepoDigestsOf(id).Count == 1)
                    throw new ImageConflictException(
                        $"conflict: unable to remove repository reference \"{reference}\" (must force) - container {Short(containers[0])} is using its referenced image {id.ShortHex}");
                RemoveName(byName, result);
                if (Db.TagsOf(id).Count > 0 || Db.RepoDigestsOf(id).Count > 0 || containers.Count > 0)
                    return result;
                DeleteImageLocked(id, result);
                return result;
            }

            var repositories = Db.TagsOf(id).Concat(Db.RepoDigestsOf(id))
                .Select(n => ImageReference.Parse(n).Name).Distinct().Count();
            if (containers.Count > 0)
            {
                if (!force)
                    throw new ImageConflictException(
                        $"conflict: unable to delete {id.ShortHex} (must be forced) - image is being used by container {Short(containers[0])}");
                // Forced: the names go, the image stays for its containers.
                foreach (var name in Db.TagsOf(id).Concat(Db.RepoDigestsOf(id)).ToList())
                    RemoveName(name, result);
                return result;
            }
            if (repositories > 1 && !force)
                throw new ImageConflictException(
                    $"conflict: unable to delete {id.ShortHex} (must be forced) - image is referenced in multiple repositories");
            foreach (var name in Db.TagsOf(id).Concat(Db.RepoDigestsOf(id)).ToList())
                RemoveName(name, result);
            DeleteImageLocked(id, result);
            return result;
        }
    }

    // Dangling images (no tags), or with all every image no container uses.
    public PruneResult Prune(bool all, ImageFilters? filters = null)
    {
        lock (_gate)
        {
            var result = new PruneResult();
            foreach (var image in Db.ListImages())
            {
                var dangling = Db.TagsOf(image.Id).Count == 0;
                if (!all && !dangling)
                    continue;
                if (Usage.ContainersUsing(image.Id).Count > 0)
                    continue;
                if (filters is not null && !filters.Matches(this, image))
                    continue;
                foreach (var name in Db.TagsOf(image.Id).Concat(Db.RepoDigestsOf(image.Id)).ToList())
                    RemoveName(name, result.ImagesDeleted);
                result.SpaceReclaimed += DeleteImageLocked(image.Id, result.ImagesDeleted);
            }
            return result;
        }
    }

    // The normalized tag or repo digest that `reference` names, when it names
    // one of this image's (not an ID).
    private string? NameRemoved(string reference, Digest id)
    {
        if (!ImageReference.TryParse(reference, out var parsed) || parsed is null)
            return null;
        var name = parsed.Digest is not null ? parsed.NameOnly with { Digest = parsed.Digest } : parsed.WithTag(parsed.Tag ?? ImageReference.DefaultTag);
        var text = name.ToString();
        return Db.ImageOfTag(text) == id || Db.ImageOfRepoDigest(text) == id ? text : null;
    }

    private void RemoveName(string name, List<DeleteResponseItem> result)
    {
        if (!Db.RemoveTag(name))
            Db.RemoveRepoDigest(name);
        result.Add(new DeleteResponseItem { Untagged = Familiar(name) });
    }

    // Drops the rows in one transaction, then the files nothing references any more.
    private long DeleteImageLocked(Digest id, List<DeleteResponseItem> result)
    {
        var stack = Db.LayersOf(id);
        using (Db.BeginTransaction())
        {
            Db.DeleteImage(id);
            Db.Commit();
        }
        result.Add(new DeleteResponseItem { Deleted = id.ToString() });
        var (layers, bytes) = CollectGarbage();
        // Top layer first, as Docker lists them.
        foreach (var chainId in stack.Reverse().Where(layers.Contains))
            result.Add(new DeleteResponseItem { Deleted = chainId.ToString() });
        return bytes;
    }

    private static string Short(string containerId) => containerId.Length > 12 ? containerId[..12] : containerId;
}
