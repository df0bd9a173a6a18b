namespace Berth.Linux.Mounts;

// Resolves a path inside a root directory the way the container will see it: symlinks are followed but
// can never lead outside the root ("/.." and absolute link targets stay inside), so a hostile image cannot
// make a mount land on the host.
public static class SecurePath
{
    private const int MaxSymlinks = 255;

    public static string Join(string root, string unsafePath)
    {
        root = Path.GetFullPath(root).TrimEnd('/');
        var pending = new Stack<string>(Split(unsafePath).Reverse());
        var resolved = new List<string>();
        var links = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part == ".") continue;
            if (part == "..")
            {
                if (resolved.Count > 0) resolved.RemoveAt(resolved.Count - 1);
                continue;
            }
            var candidate = root + "/" + string.Join('/', resolved.Append(part));
            // LinkTarget is null for anything that is not a symlink, including paths that do not exist yet.
            var linkTarget = new FileInfo(candidate).LinkTarget;
            if (linkTarget != null)
            {
                if (++links > MaxSymlinks) throw new LinuxException($"too many levels of symbolic links in {unsafePath}");
                if (linkTarget.StartsWith('/')) resolved.Clear();
                foreach (var p in Split(linkTarget).Reverse()) pending.Push(p);
                continue;
            }
            resolved.Add(part);
        }
        return resolved.Count == 0 ? root : root + "/" + string.Join('/', resolved);
    }

    private static IEnumerable<string> Split(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);
}
