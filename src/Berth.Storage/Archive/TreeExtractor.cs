using System.Formats.Tar;
using Berth.Linux.FileSystem;

namespace Berth.Storage.Archive;

// `docker cp` into a container, or out of one on the client: a tar unpacked over an existing directory, with the layer
// writer's checks (no entry written through a symlink or outside the directory). Ownership comes from the tar unless
// an owner is forced. Rename swaps the first name component (docker's RebaseArchiveEntries), so a copy can land
// under another name.
public static class TreeExtractor
{
    public sealed record Options(bool NoOverwriteDirNonDir, (int Uid, int Gid)? Owner, (string From, string To)? Rename = null);

    public static void Extract(Stream tar, string directory, Options options)
    {
        var root = Path.GetFullPath(directory);
        var writer = new LayerTreeWriter(root, whiteouts: false);
        var tap = new PaxRecordTap(tar);
        try
        {
            using var reader = new TarReader(tap, leaveOpen: true);
            while (reader.GetNextEntry() is { } entry)
            {
                if (options.Rename is { } rename)
                {
                    entry.Name = Rebase(entry.Name, rename.From, rename.To);
                    if (entry.EntryType == TarEntryType.HardLink) entry.LinkName = Rebase(entry.LinkName, rename.From, rename.To);
                }
                // As dockerd's untar: the directory itself ("./" of a SRC/. copy) is there already and keeps its
                // owner, mode and times.
                if (entry.EntryType == TarEntryType.Directory && LayerPath.Split(entry.Name, "archive entry").Length == 0)
                    continue;
                if (options.NoOverwriteDirNonDir) RefuseTypeChange(root, entry);
                if (options.Owner is { } owner)
                {
                    entry.Uid = owner.Uid;
                    entry.Gid = owner.Gid;
                }
                writer.Write(entry, tap.TakeNextEntryXattrs());
            }
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException)
        {
            throw new InvalidLayerException($"the archive is not a valid tar archive: {e.Message}", e);
        }
        writer.Finish();
    }

    // "/" (the archive of a container's root) names every entry: the new name goes in front of them all.
    private static string Rebase(string name, string from, string to)
    {
        if (from == "/") return to + "/" + name.TrimStart('/');
        if (name == from || name.StartsWith(from + "/", StringComparison.Ordinal)) return to + name[from.Length..];
        return name;
    }

    private static void RefuseTypeChange(string root, TarEntry entry)
    {
        var parts = LayerPath.Split(entry.Name, "archive entry");
        if (parts.Length == 0) return;
        var existing = FileStatusCalls.TryLstat(Path.Combine(root, string.Join('/', parts)));
        if (existing is not { } old) return;
        var isDirectory = entry.EntryType == TarEntryType.Directory;
        if (old.IsDirectory && !isDirectory)
            throw new InvalidLayerException($"cannot overwrite directory \"/{string.Join('/', parts)}\" with non-directory");
        if (!old.IsDirectory && isDirectory)
            throw new InvalidLayerException($"cannot overwrite non-directory \"/{string.Join('/', parts)}\" with directory");
    }
}
