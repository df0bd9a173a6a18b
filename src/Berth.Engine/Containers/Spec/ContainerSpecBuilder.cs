using System.Text.Json;
using Berth.Api.Models.Containers;
using Berth.Oci;
using Berth.Oci.Runtime;
using ImageDefaults = Berth.Oci.Image.ContainerConfig;

namespace Berth.Engine.Containers.Spec;

// A container's create request plus its image's defaults, as the OCI runtime spec dockerd would hand to runc.
// Built at start, with the rootfs mounted: the user is looked up in the container's own /etc/passwd.
public static class ContainerSpecBuilder
{
    public static RuntimeSpec Build(ContainerCreateRequest request, ImageDefaults? image, SpecPaths paths, SpecHost host)
    {
        var hc = request.HostConfig ?? new HostConfig();
        ResourceLimits.Validate(hc, host);
        if (hc.Init == true)
            throw new ContainerSpecException("--init is not supported yet");
        var security = SecurityOptions.Parse(hc.SecurityOpt);
        var namespaces = Namespaces(hc);
        var hostUts = !namespaces.Any(n => n.Type == "uts");
        var hostname = hostUts ? null : string.IsNullOrEmpty(request.Hostname) ? paths.ContainerId[..12] : request.Hostname;

        var caps = ContainerCapabilities.Compute(hc.CapAdd, hc.CapDrop, hc.Privileged);
        var (user, home) = UserResolver.Resolve(paths.Rootfs, request.User, hc.GroupAdd);
        var env = EnvironmentBuilder.Build(image?.Env, request.Env, hostname ?? Environment.MachineName, request.Tty);
        if (!env.Any(e => e.StartsWith("HOME=", StringComparison.Ordinal))) env.Add("HOME=" + home);

        var spec = new RuntimeSpec
        {
            Process = new ProcessSpec
            {
                Terminal = request.Tty,
                User = user,
                Args = ProcessArgs.Resolve(request, image),
                Env = env,
                Cwd = ProcessArgs.WorkingDir(request, image),
                Capabilities = ContainerCapabilities.ToSpec(caps),
                Rlimits = ResourceLimits.Rlimits(hc.Ulimits),
                NoNewPrivileges = security.NoNewPrivileges,
                OomScoreAdj = hc.OomScoreAdj != 0 ? hc.OomScoreAdj : null,
            },
            Root = new RootSpec { Path = paths.Rootfs, Readonly = hc.ReadonlyRootfs },
            Hostname = hostname,
            Domainname = hostUts || string.IsNullOrEmpty(request.Domainname) ? null : request.Domainname,
            Mounts = Mounts(hc, image, paths, security, out var propagation),
            Linux = new LinuxSpec
            {
                Namespaces = namespaces,
                CgroupsPath = string.IsNullOrEmpty(hc.CgroupParent) ? $"{paths.CgroupParent}/{paths.ContainerId}" : $"{hc.CgroupParent}/{paths.ContainerId}",
                Resources = ResourceLimits.Build(hc),
                RootfsPropagation = propagation,
                Sysctl = Sysctls.Validate(hc.Sysctls, !namespaces.Any(n => n.Type == "network"), !namespaces.Any(n => n.Type == "ipc"), hostUts),
            },
        };
        ApplyDevices(spec.Linux, hc);
        ApplyConfinement(spec.Linux, hc, security, caps);
        return spec;
    }

    public static string ToJson(RuntimeSpec spec) => JsonSerializer.Serialize(spec, OciJsonContext.Default.RuntimeSpec);

    // Until networking exists, every network but the host's is a namespace of its own with only loopback.
    private static List<NamespaceSpec> Namespaces(HostConfig hc)
    {
        var list = new List<NamespaceSpec> { new() { Type = "mount" } };
        if (Private(hc.PidMode, "--pid", "pid")) list.Add(new() { Type = "pid" });
        if (Private(hc.IpcMode is "private" or "shareable" ? null : hc.IpcMode, "--ipc", "ipc")) list.Add(new() { Type = "ipc" });
        if (Private(hc.UTSMode, "--uts", "uts")) list.Add(new() { Type = "uts" });
        var network = hc.NetworkMode ?? "";
        if (network.StartsWith("container:", StringComparison.Ordinal))
            throw new ContainerSpecException("--network container:NAME is not supported yet");
        if (network is not ("" or "default" or "bridge" or "none" or "host"))
            throw new ContainerSpecException($"network {network} not found");
        if (network != "host") list.Add(new() { Type = "network" });
        if (hc.CgroupnsMode == "private") list.Add(new() { Type = "cgroup" });
        else if (hc.CgroupnsMode is not (null or "" or "host"))
            throw new ContainerSpecException($"invalid cgroup namespace mode: {hc.CgroupnsMode}");
        if (!string.IsNullOrEmpty(hc.UsernsMode) && hc.UsernsMode != "host")
            throw new ContainerSpecException("user namespaces are not supported yet");
        return list;
    }

    // True for a namespace of the container's own, false for the host's; sharing another container's is not there yet.
    private static bool Private(string? mode, string flag, string what)
    {
        if (string.IsNullOrEmpty(mode)) return true;
        if (mode == "host") return false;
        throw mode.StartsWith("container:", StringComparison.Ordinal)
            ? new ContainerSpecException($"{flag} container:NAME is not supported yet")
            : new ContainerSpecException($"invalid {what} mode: {mode}");
    }

    // The default filesystems, then the container's own /etc files, then the user's mounts, shallowest first,
    // so that a mount inside another mount lands on top of it. A user mount over an /etc file wins over ours.
    private static List<MountSpec> Mounts(HostConfig hc, ImageDefaults? image, SpecPaths paths,
        SecurityOptions security, out string? propagation)
    {
        var user = UserMounts.Build(hc, image?.Volumes?.Keys, paths, out propagation);
        var taken = user.Select(m => m.Destination).ToHashSet();
        var mounts = DefaultMounts.Create(hc.ShmSize, hc.Privileged, security.WritableCgroups, hc.IpcMode == "host")
            .Where(m => !taken.Contains(m.Destination)).ToList();
        void Own(string destination, string? source)
        {
            if (source is null || taken.Contains(destination)) return;
            mounts.Add(new MountSpec { Destination = destination, Type = "bind", Source = source, Options = ["rbind", "rprivate", hc.ReadonlyRootfs ? "ro" : "rw"] });
        }
        Own("/etc/resolv.conf", paths.ResolvConfPath);
        Own("/etc/hostname", paths.HostnamePath);
        Own("/etc/hosts", paths.HostsPath);
        mounts.AddRange(user.OrderBy(m => m.Destination.Count(c => c == '/')));
        return mounts;
    }

    private static void ApplyDevices(LinuxSpec linux, HostConfig hc)
    {
        linux.Resources ??= new ResourcesSpec();
        if (hc.Privileged)
        {
            linux.Devices = ContainerDevices.HostDevices();
            linux.Resources.Devices = [new DeviceCgroupRule { Allow = true, Access = "rwm" }];
            return;
        }
        var rules = ContainerDevices.DefaultRules();
        var nodes = new List<DeviceSpec>();
        foreach (var mapping in hc.Devices ?? [])
        {
            var (node, rule) = ContainerDevices.FromMapping(mapping);
            nodes.Add(node);
            rules.Add(rule);
        }
        foreach (var text in hc.DeviceCgroupRules ?? [])
            rules.Add(ContainerDevices.ParseRule(text));
        linux.Devices = nodes.Count > 0 ? nodes : null;
        linux.Resources.Devices = rules;
    }

    // Masked and read-only /proc paths and the seccomp filter, all lifted by --privileged as in Docker.
    private static void ApplyConfinement(LinuxSpec linux, HostConfig hc, SecurityOptions security, List<string> caps)
    {
        if (!hc.Privileged && !security.SystemPathsUnconfined)
        {
            linux.MaskedPaths = hc.MaskedPaths ?? [.. DefaultMounts.MaskedPaths];
            linux.ReadonlyPaths = hc.ReadonlyPaths ?? [.. DefaultMounts.ReadonlyPaths];
        }
        if (hc.Privileged || security.SeccompUnconfined) return;
        var profile = security.SeccompProfileJson is { } json ? SeccompProfiles.Parse(json) : DefaultSeccompProfile.Create();
        linux.Seccomp = SeccompProfiles.ToSpec(profile, caps);
    }
}
