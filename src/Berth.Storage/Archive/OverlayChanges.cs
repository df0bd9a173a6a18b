using Berth.Linux.FileSystem;

namespace Berth.Storage.Archive;

// 0 modified, 1 added, 2 deleted: the numbers of Docker's container changes API.
public enum ChangeKind
{
    Modified = 0,
    Added = 1,
    Deleted = 2,
}

public readonly record struct FileChange(string Path, ChangeKind Kind);

// `docker diff`: what a container's overlay upper directory changed against its image's layers. Everything in the
// upper directory is a change: an overlay whiteout (0/0 character device) is a deletion, anything else is a
// modification when some lower layer has that path and an addition when none has. overlayfs copies a directory up
// only when something in it (or it) changed, so a copied-up directory is reported as modified, as dockerd does.
// Entries come parents first, children in ordinal order.
public static class OverlayChanges
{
    public static List<FileChange> Compute(string upperDirectory, IReadOnlyList<string> lowerDirectories)
    {
        var changes = new List<FileChange>();
        var upper = Path.GetFullPath(upperDirectory);
        if (FileStatusCalls.TryLstat(upper) is not { IsDirectory: true }) return changes;
        Walk(upper, "", lowerDirectories, changes);
        return changes;
    }

    private static void Walk(string directory, string relative, IReadOnlyList<string> lowers, List<FileChange> changes)
    {
        var names = new DirectoryInfo(directory).EnumerateFileSystemInfos().Select(i => i.Name)
            .OrderBy(n => n, StringComparer.Ordinal);
        foreach (var name in names)
        {
            var path = Path.Combine(directory, name);
            var child = relative + "/" + name;
            var status = FileStatusCalls.Lstat(path);
            if (status.Type == FileStatus.TypeCharDevice && status.RdevMajor == 0 && status.RdevMinor == 0)
            {
                changes.Add(new FileChange(child, ChangeKind.Deleted));
                continue;
            }
            changes.Add(new FileChange(child, InLower(lowers, child) ? ChangeKind.Modified : ChangeKind.Added));
            if (status.IsDirectory)
                Walk(path, child, lowers, changes);
        }
    }

    // Found in the topmost lower layer that has the path, and not hidden by a whiteout or an opaque directory above.
    private static bool InLower(IReadOnlyList<string> lowers, string relative)
    {
        var parts = relative.Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (var lower in lowers)
        {
            // A whiteout of the path or of a parent in this layer hides every layer below it.
            var current = lower;
            for (var i = 0; i < parts.Length; i++)
            {
                current = Path.Combine(current, parts[i]);
                var status = FileStatusCalls.TryLstat(current);
                if (status is null) break;
                if (status.Value.Type == FileStatus.TypeCharDevice && status.Value.RdevMajor == 0 && status.Value.RdevMinor == 0)
                    return false;
                if (i == parts.Length - 1) return true;
                if (!status.Value.IsDirectory) break;
            }
            if (OpaqueAbove(lower, parts)) return false;
        }
        return false;
    }

    private static bool OpaqueAbove(string lower, string[] parts)
    {
        var current = lower;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            current = Path.Combine(current, parts[i]);
            if (FileStatusCalls.TryLstat(current) is not { IsDirectory: true }) return false;
            if (ExtendedAttributes.Get(current, Whiteouts.OverlayOpaqueXattr) is [(byte)'y']) return true;
        }
        return false;
    }
}
