using Berth.Api.Models.Containers;
using Berth.Engine.Containers.Spec;

namespace Berth.Engine.Volumes;

// Which volumes a container mounts: named ones from -v name:/path and --mount type=volume,source=name, anonymous
// ones from -v /path, --mount type=volume without a source, and the image's VOLUMEs nothing else is mounted on.
public static class ContainerVolumePlan
{
    public static List<ContainerVolume> Build(HostConfig hc, IEnumerable<string>? imageVolumes)
    {
        var plan = new List<ContainerVolume>();
        var destinations = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in hc.Binds ?? [])
        {
            var b = BindSpec.Parse(text);
            destinations.Add(b.Destination);
            if (!b.IsVolume) continue;
            var mode = ModeOf(text, b.Source is null);
            var v = new ContainerVolume
            {
                Name = b.Source ?? VolumeNames.NewAnonymous(),
                Key = b.Source ?? b.Destination,
                Destination = b.Destination,
                Anonymous = b.Source is null,
                ReadWrite = !b.ReadOnly,
                Mode = mode ?? (b.Source is null ? "" : "z"),
                CopyData = mode is null || !mode.Split(',').Contains("nocopy"),
            };
            Validate(v);
            plan.Add(v);
        }
        foreach (var m in hc.Mounts ?? [])
        {
            if (string.IsNullOrEmpty(m.Target)) continue;
            var target = Path.TrimEndingDirectorySeparator(m.Target);
            destinations.Add(target);
            if (m.Type != "volume") continue;
            var anonymous = string.IsNullOrEmpty(m.Source);
            var driver = m.VolumeOptions?.DriverConfig?.Name;
            if (!string.IsNullOrEmpty(driver) && driver != VolumeService.LocalDriver)
                throw new ContainerSpecException($"create {m.Source}: error looking up volume plugin {driver}: plugin \"{driver}\" not found");
            var v = new ContainerVolume
            {
                Name = anonymous ? VolumeNames.NewAnonymous() : m.Source!,
                Key = anonymous ? target : m.Source!,
                Destination = target,
                Anonymous = anonymous,
                ReadWrite = !m.ReadOnly,
                Mode = "",
                CopyData = m.VolumeOptions?.NoCopy != true,
                Labels = m.VolumeOptions?.Labels,
                DriverOptions = m.VolumeOptions?.DriverConfig?.Options,
                Driver = driver,
            };
            Validate(v);
            plan.Add(v);
        }
        foreach (var dest in imageVolumes ?? [])
        {
            var d = Path.TrimEndingDirectorySeparator(dest);
            if (!destinations.Add(d)) continue;
            plan.Add(new ContainerVolume { Name = VolumeNames.NewAnonymous(), Key = d, Destination = d, Anonymous = true, Mode = "" });
        }
        return plan;
    }

    // The mode text of a -v entry: the third field, or the second of an anonymous "/dst:mode".
    private static string? ModeOf(string text, bool anonymous)
    {
        var parts = text.Split(':');
        return parts.Length == 3 ? parts[2] : anonymous && parts.Length == 2 ? parts[1] : null;
    }

    private static void Validate(ContainerVolume v)
    {
        if (!v.Anonymous && VolumeNames.Problem(v.Name) is { } problem)
            throw new ContainerSpecException($"create {v.Name}: {problem}");
    }
}
