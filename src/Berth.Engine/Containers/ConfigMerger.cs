using Berth.Api.Models.Containers;
using ImageDefaults = Berth.Oci.Image.ContainerConfig;

namespace Berth.Engine.Containers;

// The container's Config as dockerd stores it at create: the request's fields, with the image's defaults filled in
// where the request left them empty (inspect shows the result, and later starts need no image).
public static class ConfigMerger
{
    public static ContainerConfig Merge(ContainerCreateRequest request, ImageDefaults? image, string id)
    {
        // `--entrypoint ""` arrives as [""]: no entrypoint, and the image's Cmd goes with the image's entrypoint.
        var entrypointGiven = request.Entrypoint is not null;
        var entrypoint = entrypointGiven
            ? (request.Entrypoint is [""] or [] ? null : request.Entrypoint)
            : image?.Entrypoint;
        var cmd = request.Cmd is { Count: > 0 } ? request.Cmd : entrypointGiven ? null : image?.Cmd;
        var env = new List<string>();
        foreach (var e in (image?.Env ?? []).Concat(request.Env ?? []))
        {
            var key = e.Split('=', 2)[0];
            var at = env.FindIndex(x => x.Split('=', 2)[0] == key);
            if (!e.Contains('=')) { if (at >= 0) env.RemoveAt(at); continue; }
            if (at >= 0) env[at] = e; else env.Add(e);
        }
        Dictionary<string, string>? labels = null;
        foreach (var (k, v) in (image?.Labels ?? []).Concat(request.Labels ?? []))
            (labels ??= [])[k] = v;
        Dictionary<string, EmptyObject>? volumes = null;
        foreach (var k in (image?.Volumes?.Keys ?? Enumerable.Empty<string>()).Concat(request.Volumes?.Keys ?? Enumerable.Empty<string>()))
            (volumes ??= [])[k] = new EmptyObject();
        Dictionary<string, EmptyObject>? ports = null;
        foreach (var k in (image?.ExposedPorts?.Keys ?? Enumerable.Empty<string>()).Concat(request.ExposedPorts?.Keys ?? Enumerable.Empty<string>()))
            (ports ??= [])[k] = new EmptyObject();

        return new ContainerConfig
        {
            Hostname = string.IsNullOrEmpty(request.Hostname) ? id[..12] : request.Hostname,
            Domainname = request.Domainname ?? "",
            User = string.IsNullOrEmpty(request.User) ? image?.User ?? "" : request.User,
            AttachStdin = request.AttachStdin,
            AttachStdout = request.AttachStdout,
            AttachStderr = request.AttachStderr,
            ExposedPorts = ports,
            Tty = request.Tty,
            OpenStdin = request.OpenStdin,
            StdinOnce = request.StdinOnce,
            Env = env.Count > 0 ? env : null,
            Cmd = cmd,
            Healthcheck = Health.HealthConfigMerge.Merge(request.Healthcheck, image?.Healthcheck),
            ArgsEscaped = request.ArgsEscaped,
            Image = request.Image,
            Volumes = volumes,
            WorkingDir = string.IsNullOrEmpty(request.WorkingDir) ? image?.WorkingDir ?? "" : request.WorkingDir,
            Entrypoint = entrypoint,
            NetworkDisabled = request.NetworkDisabled,
            MacAddress = request.MacAddress,
            OnBuild = request.OnBuild ?? image?.OnBuild,
            Labels = labels ?? [],
            StopSignal = string.IsNullOrEmpty(request.StopSignal) ? image?.StopSignal : request.StopSignal,
            StopTimeout = request.StopTimeout ?? image?.StopTimeout,
            Shell = request.Shell ?? image?.Shell,
        };
    }
}
