using System.Formats.Tar;

namespace Berth.Storage.Archive;

// `docker cp` out of a container: one file or directory (recursively) as a tar whose entries start with the given
// name, with ownership, modes, mtimes and xattrs, as LayerDiffer writes them. A symlink is archived as itself.
public static class PathArchiver
{
    public static void Write(string path, string name, Stream output)
    {
        using var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true);
        new LayerDiffer.Walk(writer).Entry(path, name);
    }
}
