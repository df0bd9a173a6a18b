namespace Berth.Cli.Commands.Copy;

// Go's path/filepath rules as docker cp applies them (Unix only), so a path means here what it means to the docker
// CLI: Clean is lexical, and a trailing "/" or "/." is meaningful (the path must be, or names the contents of, a
// directory), so it is put back after cleaning.
public static class GoPaths
{
    public static string Clean(string path)
    {
        if (path.Length == 0) return ".";
        var rooted = path.StartsWith('/');
        var kept = new List<string>();
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".") continue;
            if (part == "..")
            {
                if (kept.Count > 0 && kept[^1] != "..") kept.RemoveAt(kept.Count - 1);
                else if (!rooted) kept.Add("..");
                continue;
            }
            kept.Add(part);
        }
        var joined = string.Join('/', kept);
        return rooted ? "/" + joined : joined.Length == 0 ? "." : joined;
    }

    // filepath.Abs: relative to the working directory, cleaned.
    public static string Abs(string path) => Clean(path.StartsWith('/') ? path : Environment.CurrentDirectory + "/" + path);

    public static string Base(string path)
    {
        if (path.Length == 0) return ".";
        var trimmed = path.TrimEnd('/');
        if (trimmed.Length == 0) return "/";
        return trimmed[(trimmed.LastIndexOf('/') + 1)..];
    }

    public static string Dir(string path) => Clean(path[..(path.LastIndexOf('/') + 1)]);

    // filepath.Split: everything up to and including the last "/", and the rest.
    public static (string Dir, string File) Split(string path)
    {
        var i = path.LastIndexOf('/');
        return (path[..(i + 1)], path[(i + 1)..]);
    }

    public static bool HasTrailingSeparator(string path) => path.EndsWith('/');

    public static bool SpecifiesCurrentDir(string path) => Base(path) == ".";

    // The path must be a directory: it ends with "/" or "/.".
    public static bool AssertsDirectory(string path) => HasTrailingSeparator(path) || SpecifiesCurrentDir(path);

    // archive.PreserveTrailingDotOrSeparator: the cleaned path with the original's trailing "/." or "/" put back.
    public static string PreserveTrailingDotOrSeparator(string cleaned, string original)
    {
        if (!SpecifiesCurrentDir(cleaned) && SpecifiesCurrentDir(original))
        {
            if (!HasTrailingSeparator(cleaned)) cleaned += "/";
            cleaned += ".";
        }
        if (!HasTrailingSeparator(cleaned) && HasTrailingSeparator(original)) cleaned += "/";
        return cleaned;
    }

    // archive.SplitPathDirEntry: parent and last entry of the cleaned path, keeping a trailing "." entry.
    public static (string Dir, string Base) SplitPathDirEntry(string path)
    {
        var cleaned = Clean(path);
        if (SpecifiesCurrentDir(path)) cleaned += "/.";
        return (Dir(cleaned), Base(cleaned));
    }

    // The absolute form of a local argument, keeping its trailing "/" or "/.".
    public static string ResolveLocal(string path) => PreserveTrailingDotOrSeparator(Abs(path), path);
}
