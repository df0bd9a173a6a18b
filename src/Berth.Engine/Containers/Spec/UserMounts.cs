using Berth.Api.Models.Containers;
using Berth.Oci.Runtime;

namespace Berth.Engine.Containers.Spec;

// The mounts a container asks for: -v binds, --mount, --tmpfs and the image's VOLUMEs, as OCI mounts.
public static class UserMounts
{
    public static List<MountSpec> Build(HostConfig hc, IEnumerable<string>? imageVolumes, SpecPaths paths, out string? rootPropagation)
    {
        var mounts = new List<MountSpec>();
        var destinations = new HashSet<string>();
        rootPropagation = null;
        void Add(MountSpec m)
        {
            if (!destinations.Add(m.Destination))
                throw new ContainerSpecException($"Duplicate mount point: {m.Destination}");
            mounts.Add(m);
        }

        foreach (var text in hc.Binds ?? [])
        {
            var b = BindSpec.Parse(text);
            var source = b.IsVolume ? VolumeSource(paths, b.Source ?? b.Destination) : b.Source!;
            var propagation = b.Propagation ?? "rprivate";
            rootPropagation = Stronger(rootPropagation, propagation);
            Add(new MountSpec { Destination = b.Destination, Type = "bind", Source = source, Options = ["rbind", propagation, b.ReadOnly ? "ro" : "rw"] });
        }
        foreach (var m in hc.Mounts ?? [])
        {
            var spec = FromMount(m, paths);
            if (m.BindOptions?.Propagation is { Length: > 0 } p) rootPropagation = Stronger(rootPropagation, p);
            Add(spec);
        }
        foreach (var (destination, options) in hc.Tmpfs ?? [])
        {
            if (!destination.StartsWith('/'))
                throw new ContainerSpecException($"invalid mount config for type \"tmpfs\": invalid mount path: '{destination}' mount path must be absolute");
            var opts = new List<string> { "noexec", "nosuid", "nodev" };
            foreach (var o in options.Split(',', StringSplitOptions.RemoveEmptyEntries))
                if (!opts.Contains(o)) opts.Add(o);
            Add(new MountSpec { Destination = Path.TrimEndingDirectorySeparator(destination), Type = "tmpfs", Source = "tmpfs", Options = opts });
        }
        // An image VOLUME the request did not mount over gets its anonymous volume.
        foreach (var dest in imageVolumes ?? [])
        {
            var d = Path.TrimEndingDirectorySeparator(dest);
            if (destinations.Contains(d)) continue;
            Add(new MountSpec { Destination = d, Type = "bind", Source = VolumeSource(paths, d), Options = ["rbind", "rprivate", "rw"] });
        }
        return mounts;
    }

    private static MountSpec FromMount(Mount m, SpecPaths paths)
    {
        var type = m.Type ?? "";
        string Error(string what) => $"invalid mount config for type \"{type}\": {what}";
        if (type is not ("bind" or "volume" or "tmpfs"))
            throw new ContainerSpecException(type is "npipe" or "cluster" or "image"
                ? Error("mount type not supported yet")
                : Error("mount type unknown"));
        if (string.IsNullOrEmpty(m.Target))
            throw new ContainerSpecException(Error("field Target must not be empty"));
        if (!m.Target.StartsWith('/'))
            throw new ContainerSpecException(Error($"invalid mount path: '{m.Target}' mount path must be absolute"));
        var target = Path.TrimEndingDirectorySeparator(m.Target);
        var ro = m.ReadOnly ? "ro" : "rw";
        switch (type)
        {
            case "bind":
                if (string.IsNullOrEmpty(m.Source)) throw new ContainerSpecException(Error("field Source must not be empty"));
                if (m.VolumeOptions is not null) throw new ContainerSpecException(Error("field VolumeOptions must not be specified"));
                if (m.TmpfsOptions is not null) throw new ContainerSpecException(Error("field TmpfsOptions must not be specified"));
                if (!m.Source.StartsWith('/')) throw new ContainerSpecException(Error($"invalid mount path: '{m.Source}' mount path must be absolute"));
                if (m.BindOptions?.CreateMountpoint != true && !File.Exists(m.Source) && !Directory.Exists(m.Source))
                    throw new ContainerSpecException(Error($"bind source path does not exist: {m.Source}"));
                var propagation = m.BindOptions?.Propagation is { Length: > 0 } p ? p : "rprivate";
                if (propagation is not ("shared" or "rshared" or "slave" or "rslave" or "private" or "rprivate"))
                    throw new ContainerSpecException(Error($"invalid propagation mode: {propagation}"));
                var bind = m.BindOptions?.NonRecursive == true ? "bind" : "rbind";
                return new MountSpec { Destination = target, Type = "bind", Source = m.Source, Options = [bind, propagation, ro] };
            case "volume":
                if (m.BindOptions is not null) throw new ContainerSpecException(Error("field BindOptions must not be specified"));
                if (m.TmpfsOptions is not null) throw new ContainerSpecException(Error("field TmpfsOptions must not be specified"));
                if (m.VolumeOptions?.Subpath is { Length: > 0 })
                    throw new ContainerSpecException(Error("volume subpath is not supported yet"));
                var source = VolumeSource(paths, string.IsNullOrEmpty(m.Source) ? target : m.Source);
                return new MountSpec { Destination = target, Type = "bind", Source = source, Options = ["rbind", "rprivate", ro] };
            default:
                if (!string.IsNullOrEmpty(m.Source)) throw new ContainerSpecException(Error("field Source must not be specified"));
                if (m.BindOptions is not null) throw new ContainerSpecException(Error("field BindOptions must not be specified"));
                if (m.VolumeOptions is not null) throw new ContainerSpecException(Error("field VolumeOptions must not be specified"));
                var opts = new List<string> { "nosuid", "nodev", "noexec" };
                if (m.ReadOnly) opts.Add("ro");
                if (m.TmpfsOptions is { } t)
                {
                    if (t.SizeBytes < 0) throw new ContainerSpecException(Error("invalid tmpfs size"));
                    if (t.SizeBytes > 0) opts.Add($"size={t.SizeBytes}");
                    if (t.Mode != 0) opts.Add("mode=" + Convert.ToString(t.Mode & 0xFFF, 8));
                    foreach (var o in t.Options ?? [])
                        opts.Add(string.Join('=', o));
                }
                return new MountSpec { Destination = target, Type = "tmpfs", Source = "tmpfs", Options = opts };
        }
    }

    private static string VolumeSource(SpecPaths paths, string key) =>
        paths.VolumeSources is not null && paths.VolumeSources.TryGetValue(key, out var dir)
            ? dir
            : throw new InvalidOperationException($"no host directory was prepared for volume {key}");

    // The root's propagation must allow the strongest one a mount asks for, as dockerd sets it.
    private static string? Stronger(string? current, string requested) => requested switch
    {
        "shared" or "rshared" => "rshared",
        "slave" or "rslave" => current == "rshared" ? current : "rslave",
        _ => current,
    };
}
