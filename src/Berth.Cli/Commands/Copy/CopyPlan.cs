using Berth.Cli.Support;

namespace Berth.Cli.Commands.Copy;

// What docker cp knows of one side of a copy: the path (symlinks at its end resolved for a destination), whether
// something is there, and whether that is a directory.
public sealed record CopyInfo(string Path, bool Exists, bool IsDir);

// archive.PrepareArchiveCopy: where a tar of the source is unpacked, and under which name its top entry must land
// (null: the name it has), for the destination as it is.
public static class CopyPlan
{
    public static (string Directory, string? Name) Prepare(bool sourceIsDir, CopyInfo destination)
    {
        var (parent, name) = GoPaths.SplitPathDirEntry(destination.Path);
        if (destination.Exists && destination.IsDir) return (destination.Path, null); // into the directory
        if (destination.Exists && sourceIsDir) throw new CommandFailedException("cannot copy directory");
        if (destination.Exists || sourceIsDir) return (parent, name); // replaces the file / becomes the new directory
        if (GoPaths.AssertsDirectory(destination.Path)) throw new CommandFailedException("no such directory");
        return (parent, name);
    }

    // archive.GetRebaseName: a resolved link target with the original's trailing "/" or "/." kept, and the name the
    // copy must keep when resolving changed the last component.
    public static (string Path, string? RebaseName) Rebase(string path, string resolved)
    {
        if (GoPaths.SpecifiesCurrentDir(path) && !GoPaths.SpecifiesCurrentDir(resolved)) resolved += "/.";
        if (GoPaths.HasTrailingSeparator(path) && !GoPaths.HasTrailingSeparator(resolved)) resolved += "/";
        return (resolved, GoPaths.Base(path) != GoPaths.Base(resolved) ? GoPaths.Base(path) : null);
    }

    // The docker CLI's (28.x) "Successfully copied" line: the bytes of tar that went over the connection.
    public static string Summary(long transferred, string destination) =>
        $"Successfully copied {Formatting.Units.HumanSizeWithPrecision(transferred, 3)} to {destination}";
}
