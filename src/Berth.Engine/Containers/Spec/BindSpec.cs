namespace Berth.Engine.Containers.Spec;

// One -v/--volume entry, "src:dst[:opts]" or "/dst" (an anonymous volume).
// Source is null for an anonymous volume; IsVolume says a source that is a volume name, not a host path.
public sealed record BindSpec(string? Source, string Destination, bool ReadOnly, string? Propagation, bool IsVolume)
{
    private static readonly HashSet<string> Propagations = ["shared", "rshared", "slave", "rslave", "private", "rprivate"];
    private static readonly HashSet<string> IgnoredModes = ["z", "Z", "nocopy", "consistent", "cached", "delegated"];

    public static BindSpec Parse(string text)
    {
        var parts = text.Split(':');
        string? source;
        string destination;
        string? mode = null;
        switch (parts.Length)
        {
            case 1:
                source = null;
                destination = parts[0];
                break;
            case 2:
                // "/dst:ro" is an anonymous volume with a mode, as Docker reads it.
                if (IsMode(parts[1])) { source = null; destination = parts[0]; mode = parts[1]; }
                else { source = parts[0]; destination = parts[1]; }
                break;
            case 3:
                source = parts[0];
                destination = parts[1];
                mode = parts[2];
                break;
            default:
                throw new ContainerSpecException($"invalid volume specification: '{text}'");
        }
        if (source == "" || destination == "")
            throw new ContainerSpecException($"invalid volume specification: '{text}'");
        if (!destination.StartsWith('/'))
            throw new ContainerSpecException($"invalid volume specification: '{text}': invalid mount config for type \"{(source is null || !source.StartsWith('/') ? "volume" : "bind")}\": invalid mount path: '{destination}' mount path must be absolute");
        if (Path.TrimEndingDirectorySeparator(destination) == "/")
            throw new ContainerSpecException($"invalid volume specification: '{text}': invalid mount config for type \"bind\": invalid specification: destination can't be '/'");

        var readOnly = false;
        string? propagation = null;
        if (mode is not null)
        {
            var seenRw = false;
            foreach (var m in mode.Split(','))
            {
                if (m is "ro" or "rw")
                {
                    if (seenRw) throw new ContainerSpecException($"invalid mode: {mode}");
                    seenRw = true;
                    readOnly = m == "ro";
                }
                else if (Propagations.Contains(m))
                {
                    if (propagation is not null) throw new ContainerSpecException($"invalid mode: {mode}");
                    propagation = m;
                }
                else if (!IgnoredModes.Contains(m))
                    throw new ContainerSpecException($"invalid mode: {mode}");
            }
        }
        var isVolume = source is null || !source.StartsWith('/');
        if (isVolume && propagation is not null)
            throw new ContainerSpecException($"invalid mode: {mode}");
        return new BindSpec(source, Path.TrimEndingDirectorySeparator(destination), readOnly, propagation, isVolume);
    }

    private static bool IsMode(string text) =>
        text.Split(',').All(m => m is "ro" or "rw" || Propagations.Contains(m) || IgnoredModes.Contains(m));
}
