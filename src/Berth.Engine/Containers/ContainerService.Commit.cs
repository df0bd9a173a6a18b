using Berth.Api.Models.Containers;
using Berth.Engine.Containers.Archive;
using Berth.Images;
using Berth.Images.Import;
using Berth.Linux.Cgroups;
using Berth.Oci;
using Berth.Oci.Image;
using Berth.Storage.Archive;

namespace Berth.Engine.Containers;

public sealed record CommitOptions(string? Repo, string? Tag, string? Comment, string? Author, bool Pause,
    IReadOnlyList<string> Changes, Berth.Api.Models.Containers.ContainerConfig? Config);

// docker commit: the container's image plus its overlay upper directory as a new layer, with the container's
// config (and the caller's overrides and Dockerfile-style changes) as the new image's.
public sealed partial class ContainerService
{
    public async Task<Digest> CommitAsync(string reference, CommitOptions options, CancellationToken ct)
    {
        var c = Find(reference);
        string? repoTag = null;
        if (!string.IsNullOrEmpty(options.Repo))
            repoTag = string.IsNullOrEmpty(options.Tag) ? options.Repo : $"{options.Repo}:{options.Tag}";
        else if (!string.IsNullOrEmpty(options.Tag))
            throw new ContainerException(400, "tag is specified without a repository");

        var containerConfig = ImageConfigOf.Container(c.Record.Config, options.Config);
        try
        {
            ImageChanges.Apply(containerConfig, options.Changes);
        }
        catch (InvalidImageInputException e)
        {
            throw new ContainerException(400, e.Message);
        }
        ImageConfig parent;
        try
        {
            parent = _images.GetConfig(c.Record.ImageId);
        }
        catch (ImageNotFoundException)
        {
            throw new ContainerException(404, $"No such image: {c.Record.ImageId}");
        }

        var scratch = System.IO.Path.Combine(_options.DataRoot, "tmp");
        Directory.CreateDirectory(scratch);
        var layerFile = System.IO.Path.Combine(scratch, $"commit-{c.Id[..12]}-{Guid.NewGuid():N}.tar");
        try
        {
            Digest diffId;
            var frozen = await FreezeForCommitAsync(c, options.Pause, ct);
            try
            {
                using var output = new FileStream(layerFile, FileMode.CreateNew, FileAccess.Write);
                diffId = await Task.Run(() => LayerDiffer.Write(System.IO.Path.Combine(c.Dir, "upper"), output, MountStubs.TarNames), ct);
            }
            finally
            {
                if (frozen) CgroupManager.Open(CgroupsPathOf(c)).Thaw();
            }

            var now = DateTimeOffset.UtcNow;
            var empty = diffId == ImageStore.EmptyTarDiffId;
            var config = new ImageConfig
            {
                Architecture = parent.Architecture,
                Os = parent.Os,
                OsVersion = parent.OsVersion,
                Variant = parent.Variant,
                Created = now,
                Author = string.IsNullOrEmpty(options.Author) ? null : options.Author,
                Comment = string.IsNullOrEmpty(options.Comment) ? null : options.Comment,
                Container = c.Id,
                Config = containerConfig,
                RootFs = new RootFs { DiffIds = [.. parent.RootFs.DiffIds] },
                History =
                [
                    .. parent.History ?? [],
                    new HistoryEntry
                    {
                        Created = now,
                        Author = string.IsNullOrEmpty(options.Author) ? null : options.Author,
                        Comment = string.IsNullOrEmpty(options.Comment) ? null : options.Comment,
                        CreatedBy = string.Join(' ', new[] { c.Record.Path }.Concat(c.Record.Args).Where(a => a.Length > 0)),
                        EmptyLayer = empty ? true : null,
                    },
                ],
            };
            Digest id;
            try
            {
                using var input = empty ? null : File.OpenRead(layerFile);
                id = _images.Commit(c.Record.ImageId, input, diffId, config, repoTag);
            }
            catch (InvalidImageInputException e)
            {
                throw new ContainerException(400, e.Message);
            }
            Publish(c, "commit", new Dictionary<string, string> { ["comment"] = options.Comment ?? "" });
            return id;
        }
        finally
        {
            File.Delete(layerFile);
        }
    }

    // dockerd pauses a running container while it reads its changes, so the layer is one consistent moment.
    private async Task<bool> FreezeForCommitAsync(Container c, bool pause, CancellationToken ct)
    {
        if (!pause) return false;
        await c.Lock.WaitAsync(ct);
        try
        {
            if (c.Record.Status != "running") return false;
            CgroupManager.Open(CgroupsPathOf(c)).Freeze();
            return true;
        }
        finally
        {
            c.Lock.Release();
        }
    }
}
