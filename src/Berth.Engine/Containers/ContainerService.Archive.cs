using Berth.Api.Models.Containers;
using Berth.Engine.Containers.Archive;
using Berth.Linux.FileSystem;
using Berth.Runtime.Logs;
using Berth.Storage.Archive;

namespace Berth.Engine.Containers;

// docker cp, diff and export. A running container's files are reached through /proc/<pid>/root, so the copy sees
// (and writes into) its volumes and bind mounts as the process does; a stopped container's rootfs is mounted for
// the duration of the operation, under its lock so a start cannot race the unmount. Export reads the overlay
// mount itself, never the mounts, as dockerd exports only the container's filesystem.
public sealed partial class ContainerService
{
    public sealed record ArchiveTarget(ContainerPath Path, FileStatus Status, ContainerPathStat Stat);

    // HEAD/GET /containers/{id}/archive: stat the path, then (write != null) stream it as a tar.
    public async Task<ContainerPathStat> ArchivePathAsync(string reference, string path, Func<ContainerPathStat, Func<Stream, Task>, Task>? write, CancellationToken ct)
    {
        var c = Find(reference);
        ContainerPathStat? result = null;
        await UseFilesAsync(c, async root =>
        {
            var target = StatLocked(reference, root, path);
            result = target.Stat;
            if (write is not null)
                await write(target.Stat, output => Task.Run(() => PathArchiver.Write(target.Path.Host, target.Path.Name, output), ct));
        }, ct);
        if (write is not null) Publish(c, "archive-path");
        return result!;
    }

    // PUT /containers/{id}/archive: unpack a tar into a directory of the container.
    public async Task ExtractToDirAsync(string reference, string path, Stream tar, bool noOverwriteDirNonDir, bool copyUidGid, CancellationToken ct)
    {
        var c = Find(reference);
        if (c.Record.HostConfig.ReadonlyRootfs)
            throw new ContainerException(403, "container rootfs is marked read-only");
        await UseFilesAsync(c, async root =>
        {
            var target = ContainerPath.Resolve(root, ContainerPath.AsDirectory(path));
            var status = FileStatusCalls.TryLstat(target.Host)
                ?? throw new ContainerException(404, $"Could not find the file {path} in container {reference}");
            if (!status.IsDirectory) throw new ContainerException(400, "extraction point is not a directory");
            (int, int)? owner = copyUidGid && !string.IsNullOrEmpty(c.Record.Config.User)
                ? ContainerUsers.Lookup(root, c.Record.Config.User) : null;
            try
            {
                await Task.Run(() => TreeExtractor.Extract(tar, target.Host, new TreeExtractor.Options(noOverwriteDirNonDir, owner)), ct);
            }
            catch (InvalidLayerException e)
            {
                throw new ContainerException(400, e.Message);
            }
        }, ct);
        Publish(c, "extract-to-dir");
    }

    // GET /containers/{id}/changes.
    public List<FileChange> Changes(string reference)
    {
        var c = Find(reference);
        var lower = _images.LowerDirectories(c.Record.ImageId);
        return WithoutMountStubs(OverlayChanges.Compute(System.IO.Path.Combine(c.Dir, "upper"), lower));
    }

    private static List<FileChange> WithoutMountStubs(List<FileChange> changes)
    {
        var stubs = changes.Where(c => c.Kind == ChangeKind.Added && MountStubs.Paths.Contains(c.Path)).ToList();
        if (stubs.Count == 0) return changes;
        var kept = changes.Except(stubs).ToList();
        kept.RemoveAll(c => c.Kind == ChangeKind.Modified
            && stubs.Any(s => System.IO.Path.GetDirectoryName(s.Path) == c.Path)
            && !kept.Any(o => o.Path.StartsWith(c.Path + "/", StringComparison.Ordinal)));
        return kept;
    }

    // GET /containers/{id}/export: the merged rootfs as a tar.
    public async Task ExportAsync(string reference, Func<Func<Stream, Task>, Task> write, CancellationToken ct)
    {
        var c = Find(reference);
        await UseMountedRootfsAsync(c, rootfs => write(output => Task.Run(() => LayerDiffer.Write(rootfs, output), ct)), ct);
        Publish(c, "export");
    }

    private ArchiveTarget StatLocked(string reference, string root, string path)
    {
        var resolved = ContainerPath.Resolve(root, path);
        var status = FileStatusCalls.TryLstat(resolved.Host)
            ?? throw new ContainerException(404, $"Could not find the file {path} in container {reference}");
        var linkTarget = "";
        if (status.IsSymlink)
            linkTarget = ContainerPath.InContainer(root, Berth.Linux.Mounts.SecurePath.Join(root, ContainerPath.InContainer(root, resolved.Host)));
        var stat = new ContainerPathStat
        {
            Name = resolved.Name,
            Size = (long)status.Size,
            Mode = GoFileMode.FromUnix(status.Mode),
            Mtime = GoTimestamp.Format(status.ModificationTime.UtcDateTime),
            LinkTarget = linkTarget,
        };
        return new ArchiveTarget(resolved, status, stat);
    }

    private async Task UseFilesAsync(Container c, Func<string, Task> action, CancellationToken ct)
    {
        if (c.Record.IsRunning && c.Record.Pid > 0)
        {
            await action($"/proc/{c.Record.Pid}/root");
            return;
        }
        await UseMountedRootfsAsync(c, action, ct);
    }

    private async Task UseMountedRootfsAsync(Container c, Func<string, Task> action, CancellationToken ct)
    {
        var rootfs = RootfsMount.RootfsOf(c.Dir);
        if (c.Record.IsRunning && RootfsMount.IsMountPoint(rootfs))
        {
            await action(rootfs);
            return;
        }
        await c.Lock.WaitAsync(ct);
        try
        {
            var mountedHere = !RootfsMount.IsMountPoint(rootfs);
            if (mountedHere) RootfsMount.Mount(_options.DataRoot, c.Dir, _images.LowerDirectories(c.Record.ImageId));
            try
            {
                await action(rootfs);
            }
            finally
            {
                if (mountedHere) RootfsMount.Unmount(c.Dir);
            }
        }
        finally
        {
            c.Lock.Release();
        }
    }
}
