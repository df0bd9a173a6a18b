namespace Berth.Storage.Layers;

// What a directory tree holds by file sizes (as `du --apparent-size` and
// Docker's layer sizes count), walking without following symlinks.
public static class DiskUsage
{
    public static long Of(string root)
    {
        if (!Directory.Exists(root))
            return 0;
        long total = 0;
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            foreach (var entry in new DirectoryInfo(dir).EnumerateFileSystemInfos())
            {
                if (entry.LinkTarget is not null)
                    continue;
                if (entry is DirectoryInfo)
                {
                    pending.Push(entry.FullName);
                    continue;
                }
                if (entry is FileInfo file)
                    total += file.Length;
            }
        }
        return total;
    }
}
