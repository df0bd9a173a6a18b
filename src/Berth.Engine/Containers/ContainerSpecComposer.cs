using Berth.Api.Models.Containers;
using Berth.Engine.Containers.Spec;
using Berth.Oci.Runtime;
using ImageDefaults = Berth.Oci.Image.ContainerConfig;

namespace Berth.Engine.Containers;

// Puts a container's OCI config.json together from its create request, its image's defaults and where the engine
// placed its files, with the Spec pieces doing Docker's rules. Create runs it without a rootfs (userRootfs null) to
// reject a bad request before anything is made; start runs it again with the mounted rootfs to resolve the user.
public static class ContainerSpecComposer
{
    public static RuntimeSpec Compose(ContainerConfig config, HostConfig hc, ImageDefaults? image, SpecPaths paths, string? userRootfs)
    {
        ResourceLimits.Validate(hc, SpecHost.Current);
        RestartPolicies.Validate(hc.RestartPolicy);
        var network = NetworkModes.Parse(hc.NetworkMode);
        var hostIpc = hc.IpcMode == "host";
        var hostPid = hc.PidMode == "host";
        var hostUts = hc.UTSMode == "host";
        if (hc.IpcMode is { Length: > 0 } ipc && ipc is not ("host" or "private" or "shareable" or "none"))
            throw new ContainerException(400, $"--ipc={ipc} is not supported yet");
        if (hc.PidMode is { Length: > 0 } pid && pid != "host")
            throw new ContainerException(400, $"--pid={pid} is not supported yet");
        if (hc.UsernsMode is { Length: > 0 } userns && userns != "host")
            throw new ContainerException(400, "user namespaces (--userns) are not supported yet");
        var security = SecurityOptions.Parse(hc.SecurityOpt);
        var sysctls = Sysctls.Validate(hc.Sysctls, network == NetworkModes.Host, hostIpc, hostUts);

        var args = ProcessArgs.Resolve(config, image);
        var init = ContainerInit.Wanted(hc, paths.Init) ? ContainerInit.Locate(paths.Init?.ConfiguredPath) : null;
        if (init is not null) args = ContainerInit.Wrap(args);
        var cwd = ProcessArgs.WorkingDir(config, image);
        var hostname = network == NetworkModes.Host || hostUts ? Environment.MachineName : config.Hostname ?? "";
        var env = EnvironmentBuilder.Build(image?.Env, config.Env, hostname, config.Tty);
        var caps = ContainerCapabilities.Compute(hc.CapAdd, hc.CapDrop, hc.Privileged);

        UserSpec user = new();
        if (userRootfs is not null)
        {
            (user, var home) = UserResolver.Resolve(userRootfs, string.IsNullOrEmpty(config.User) ? image?.User : config.User, hc.GroupAdd);
            if (!env.Any(e => e.StartsWith("HOME=", StringComparison.Ordinal))) env.Add("HOME=" + home);
        }

        var mounts = DefaultMounts.Create(hc.ShmSize, hc.Privileged, security.WritableCgroups, hostIpc);
        var userMounts = UserMounts.Build(hc, (IEnumerable<string>?)config.Volumes?.Keys ?? image?.Volumes?.Keys, paths, out var rootPropagation);
        // Docker's own files, unless the user mounted something over them.
        void File(string destination, string? source)
        {
            if (source is null || userMounts.Any(m => m.Destination == destination)) return;
            mounts.Add(new MountSpec { Destination = destination, Type = "bind", Source = source, Options = ["rbind", "rprivate", hc.ReadonlyRootfs ? "ro" : "rw"] });
        }
        File("/etc/resolv.conf", paths.ResolvConfPath);
        File("/etc/hostname", paths.HostnamePath);
        File("/etc/hosts", paths.HostsPath);
        // A user mount replaces a default one at the same place (a --tmpfs /dev/shm, say).
        mounts.RemoveAll(m => userMounts.Any(u => u.Destination == m.Destination));
        mounts.AddRange(userMounts);
        if (init is not null) mounts.Add(ContainerInit.Mount(init));

        var resources = ResourceLimits.Build(hc);
        var devices = new List<DeviceSpec>();
        resources.Devices = hc.Privileged ? [new DeviceCgroupRule { Allow = true, Access = "rwm" }] : ContainerDevices.DefaultRules();
        if (hc.Privileged) devices.AddRange(ContainerDevices.HostDevices());
        foreach (var mapping in hc.Devices ?? [])
        {
            var (node, rule) = ContainerDevices.FromMapping(mapping);
            devices.Add(node);
            if (!hc.Privileged) resources.Devices.Add(rule);
        }
        foreach (var text in hc.DeviceCgroupRules ?? [])
            resources.Devices.Add(ContainerDevices.ParseRule(text));

        var namespaces = new List<NamespaceSpec> { new() { Type = "mount" } };
        if (network != NetworkModes.Host) namespaces.Add(new NamespaceSpec { Type = "network", Path = paths.NetworkNamespace });
        if (!hostIpc) namespaces.Add(new NamespaceSpec { Type = "ipc" });
        if (!hostUts) namespaces.Add(new NamespaceSpec { Type = "uts" });
        if (!hostPid) namespaces.Add(new NamespaceSpec { Type = "pid" });
        if (hc.CgroupnsMode != "host") namespaces.Add(new NamespaceSpec { Type = "cgroup" });

        SeccompSpec? seccomp = null;
        if (!hc.Privileged && !security.SeccompUnconfined)
        {
            seccomp = security.SeccompProfileJson is { } json ? SeccompProfiles.ToSpec(SeccompProfiles.Parse(json), caps) : SeccompProfiles.Default(caps);
        }
        var privilegedPaths = hc.Privileged || security.SystemPathsUnconfined;

        return new RuntimeSpec
        {
            Process = new ProcessSpec
            {
                Terminal = config.Tty,
                ConsoleSize = hc.ConsoleSize is [var h, var w] && h > 0 && w > 0 ? new ConsoleSize { Height = h, Width = w } : null,
                User = user,
                Args = args,
                Env = env,
                Cwd = cwd,
                Capabilities = ContainerCapabilities.ToSpec(caps),
                Rlimits = ResourceLimits.Rlimits(hc.Ulimits),
                NoNewPrivileges = security.NoNewPrivileges,
                OomScoreAdj = hc.OomScoreAdj != 0 ? hc.OomScoreAdj : null,
            },
            Root = new RootSpec { Path = paths.Rootfs, Readonly = hc.ReadonlyRootfs },
            Hostname = hostUts || network == NetworkModes.Host ? null : hostname,
            Domainname = string.IsNullOrEmpty(config.Domainname) ? null : config.Domainname,
            Mounts = mounts,
            Linux = new LinuxSpec
            {
                Namespaces = namespaces,
                Devices = devices,
                CgroupsPath = $"{(string.IsNullOrEmpty(hc.CgroupParent) ? paths.CgroupParent : hc.CgroupParent)}/{paths.ContainerId}",
                Resources = resources,
                RootfsPropagation = rootPropagation is null ? null : rootPropagation.TrimStart('r') == "private" ? null : rootPropagation,
                Seccomp = seccomp,
                Sysctl = sysctls,
                MaskedPaths = privilegedPaths ? null : hc.MaskedPaths ?? [.. DefaultMounts.MaskedPaths],
                ReadonlyPaths = privilegedPaths ? null : hc.ReadonlyPaths ?? [.. DefaultMounts.ReadonlyPaths],
            },
        };
    }
}

// The kinds of HostConfig.NetworkMode: the host's namespace, an empty one, another container's, or one of
// Berth's networks (the default bridge for "", "default" and "bridge", else a network's name or ID).
public static class NetworkModes
{
    public const string None = "none";
    public const string Host = "host";
    public const string Container = "container";
    public const string Network = "network";

    public static string Parse(string? mode) => mode switch
    {
        "none" => None,
        "host" => Host,
        _ when mode?.StartsWith("container:", StringComparison.Ordinal) == true => Container,
        _ => Network,
    };

    // The container named by "container:<name|id>".
    public static string JoinedContainer(string mode) => mode["container:".Length..];

    // What a network mode names: the default bridge for the defaults.
    public static string NetworkName(string? mode) => mode is null or "" or "default" ? "bridge" : mode;
}
