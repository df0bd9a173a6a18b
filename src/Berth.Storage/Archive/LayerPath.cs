namespace Berth.Storage.Archive;

// Turns a tar entry name into a path relative to the layer root. A leading "/"
// is dropped (Docker does the same; some tools write absolute names), but a
// ".." component anywhere is refused outright: no legitimate layer needs one,
// and refusing is simpler to trust than cleaning.
internal static class LayerPath
{
    public static string[] Split(string name, string what)
    {
        if (name.Contains('\0'))
            throw new InvalidLayerException($"{what} \"{name.Replace("\0", "\\0")}\" contains a NUL byte");
        var parts = name.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var kept = new List<string>(parts.Length);
        foreach (var part in parts)
        {
            if (part == "..")
                throw new InvalidLayerException(
                    $"{what} \"{name}\" has a \"..\" component; a layer cannot refer outside its root");
            if (part != ".")
                kept.Add(part);
        }
        return [.. kept];
    }
}
