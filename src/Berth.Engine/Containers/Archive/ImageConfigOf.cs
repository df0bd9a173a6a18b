using Berth.Api.Models.Containers;
using ImageContainerConfig = Berth.Oci.Image.ContainerConfig;
using ImageEmpty = Berth.Oci.Image.EmptyObject;

namespace Berth.Engine.Containers.Archive;

// A container's Config (the API's shape) as the config of an image committed from it; fields the caller set in
// overrides (POST /commit's body) win over the container's.
public static class ImageConfigOf
{
    public static ImageContainerConfig Container(ContainerConfig c, ContainerConfig? overrides)
    {
        var o = overrides ?? new ContainerConfig();
        return new ImageContainerConfig
        {
            Hostname = Pick(o.Hostname, c.Hostname),
            Domainname = Pick(o.Domainname, c.Domainname),
            User = Pick(o.User, c.User),
            AttachStdin = o.AttachStdin || c.AttachStdin,
            AttachStdout = o.AttachStdout || c.AttachStdout,
            AttachStderr = o.AttachStderr || c.AttachStderr,
            ExposedPorts = Set(o.ExposedPorts ?? c.ExposedPorts),
            Tty = o.Tty || c.Tty,
            OpenStdin = o.OpenStdin || c.OpenStdin,
            StdinOnce = o.StdinOnce || c.StdinOnce,
            Env = MergeEnv(o.Env, c.Env),
            Cmd = o.Cmd is { Count: > 0 } ? [.. o.Cmd] : c.Cmd is null ? null : [.. c.Cmd],
            Healthcheck = Health(o.Healthcheck ?? c.Healthcheck),
            ArgsEscaped = o.ArgsEscaped ?? c.ArgsEscaped,
            Image = Pick(o.Image, c.Image),
            Volumes = Set(o.Volumes ?? c.Volumes),
            WorkingDir = Pick(o.WorkingDir, c.WorkingDir),
            Entrypoint = o.Entrypoint is { Count: > 0 } ? [.. o.Entrypoint] : c.Entrypoint is null ? null : [.. c.Entrypoint],
            OnBuild = o.OnBuild ?? c.OnBuild,
            Labels = o.Labels is { Count: > 0 } ? new(o.Labels) : c.Labels is null ? null : new(c.Labels),
            StopSignal = Pick(o.StopSignal, c.StopSignal),
            StopTimeout = o.StopTimeout ?? c.StopTimeout,
            Shell = o.Shell ?? c.Shell,
        };
    }

    private static string? Pick(string? a, string? b) => string.IsNullOrEmpty(a) ? b : a;

    // dockerd's merge: the override's variables, then the container's whose names the override did not set.
    private static List<string>? MergeEnv(List<string>? overrides, List<string>? container)
    {
        if (overrides is null or { Count: 0 }) return container is null ? null : [.. container];
        var env = new List<string>(overrides);
        foreach (var e in container ?? [])
        {
            var key = e.Split('=', 2)[0];
            if (!env.Any(x => x.Split('=', 2)[0] == key)) env.Add(e);
        }
        return env;
    }

    private static Dictionary<string, ImageEmpty>? Set(Dictionary<string, EmptyObject>? keys) =>
        keys?.ToDictionary(k => k.Key, _ => new ImageEmpty());

    private static Berth.Oci.Image.HealthcheckConfig? Health(HealthConfig? h) => h is null ? null : new()
    {
        Test = h.Test,
        Interval = h.Interval,
        Timeout = h.Timeout,
        StartPeriod = h.StartPeriod,
        StartInterval = h.StartInterval,
        Retries = h.Retries,
    };
}
