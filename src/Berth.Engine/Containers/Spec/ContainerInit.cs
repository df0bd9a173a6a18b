using Berth.Api.Models.Containers;
using Berth.Oci.Runtime;

namespace Berth.Engine.Containers.Spec;

// --init as dockerd does it: a static init (tini) bind-mounted read-only at /sbin/docker-init runs as PID 1 and
// starts the container's command after "--", reaping zombies and forwarding signals to it. ConfiguredPath is
// daemon.json's "init-path" (null: the usual places); Default is daemon.json's "init".
public sealed record ContainerInit(string? ConfiguredPath, bool Default)
{
    public const string InContainerPath = "/sbin/docker-init";

    // Debian's tini package ships the static build here; docker-init is what Docker's own packages install.
    private static readonly string[] Candidates =
        ["/usr/bin/tini-static", "/usr/local/bin/docker-init", "/usr/bin/docker-init", "/usr/libexec/docker/docker-init"];

    // The container's own --init (true or false) wins over the daemon's default.
    public static bool Wanted(HostConfig hc, ContainerInit? daemon) => hc.Init ?? daemon?.Default ?? false;

    public static string Locate(string? configured)
    {
        if (configured is not null)
            return File.Exists(configured) ? configured
                : throw new ContainerSpecException($"--init: the init binary {configured} (daemon.json \"init-path\") does not exist");
        return Candidates.FirstOrDefault(File.Exists)
            ?? throw new ContainerSpecException("--init: no init binary found (looked for /usr/bin/tini-static and docker-init): install Debian's tini package or set \"init-path\" in daemon.json");
    }

    public static List<string> Wrap(IReadOnlyList<string> args) => [InContainerPath, "--", .. args];

    public static MountSpec Mount(string source) =>
        new() { Destination = InContainerPath, Type = "bind", Source = source, Options = ["rbind", "rprivate", "ro"] };
}
