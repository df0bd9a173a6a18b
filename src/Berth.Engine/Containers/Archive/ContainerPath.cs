using Berth.Linux.Mounts;

namespace Berth.Engine.Containers.Archive;

// A path the archive API was given, resolved inside a container root on the host. As dockerd does: the path is
// cleaned lexically ("/" prefixed, ".." removed) but keeps a trailing "/" or "/."; the parent is resolved with
// symlinks followed inside the root (never out of it), the last component is not followed unless the path ends
// with "/" or "/.", so a symlink is copied as itself.
public sealed record ContainerPath(string Absolute, string Host, string Name)
{
    public static ContainerPath Resolve(string root, string path)
    {
        var absolute = Clean(path);
        var trailingDot = absolute.EndsWith("/.", StringComparison.Ordinal) || absolute == "/.";
        var trailingSlash = absolute.Length > 1 && absolute.EndsWith('/');
        var parts = absolute.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").ToList();
        string host;
        if (trailingDot || trailingSlash || parts.Count == 0)
            host = SecurePath.Join(root, "/" + string.Join('/', parts));
        else
            host = SecurePath.Join(root, "/" + string.Join('/', parts[..^1])).TrimEnd('/') + "/" + parts[^1];
        // The root itself with a trailing "/": /proc/<pid>/root is a symlink to lstat, the directory only through it.
        if (host == System.IO.Path.GetFullPath(root).TrimEnd('/')) host += "/";
        var name = trailingDot ? "." : parts.Count == 0 ? "/" : parts[^1];
        return new ContainerPath(absolute, host, name);
    }

    // filepath.Join("/", path) with the trailing separator or "/." put back, as archive.PreserveTrailingDotOrSeparator.
    public static string Clean(string path)
    {
        var stack = new List<string>();
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".") continue;
            if (part == "..") { if (stack.Count > 0) stack.RemoveAt(stack.Count - 1); continue; }
            stack.Add(part);
        }
        var cleaned = "/" + string.Join('/', stack);
        if (cleaned == "/") return path.EndsWith("/.", StringComparison.Ordinal) || path == "." ? "/." : "/";
        if (path.EndsWith("/.", StringComparison.Ordinal) || path == ".") return cleaned + "/.";
        if (path.EndsWith('/')) return cleaned + "/";
        return cleaned;
    }

    // The path with "/." appended, so that its last component is followed too (an extraction point).
    public static string AsDirectory(string path)
    {
        var cleaned = Clean(path);
        if (cleaned.EndsWith("/.", StringComparison.Ordinal)) return cleaned;
        return cleaned.TrimEnd('/') + "/.";
    }

    // The container's view of a host path under root ("/" for the root itself).
    public static string InContainer(string root, string host)
    {
        var r = Path.GetFullPath(root).TrimEnd('/');
        if (host == r) return "/";
        return host.StartsWith(r + "/", StringComparison.Ordinal) ? host[r.Length..] : host;
    }
}
