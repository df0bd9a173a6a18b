using Berth.Linux;
using Berth.Linux.Namespaces;
using Berth.Linux.Security;
using Berth.Linux.Mounts;
using Berth.Oci.Runtime;

namespace Berth.Runtime.Spec;

// Checks a spec against what this runtime supports; every problem is one line naming the field.
public static class SpecValidator
{
    public static void Validate(RuntimeSpec spec, string bundle)
    {
        if (spec.Root is null || string.IsNullOrEmpty(spec.Root.Path)) throw new RuntimeException("config.json: root.path is required");
        var rootfs = Path.GetFullPath(Path.Combine(bundle, spec.Root.Path));
        if (!Directory.Exists(rootfs)) throw new RuntimeException($"root filesystem {rootfs} does not exist");
        if (spec.Process is null) throw new RuntimeException("config.json: process is required");
        ValidateProcess(spec.Process, "process");
        var linux = spec.Linux ?? new LinuxSpec();
        var seen = new HashSet<string>();
        foreach (var ns in linux.Namespaces ?? [])
        {
            NamespaceKind kind;
            try
            {
                kind = NamespaceKind.Parse(ns.Type);
            }
            catch (LinuxException e)
            {
                throw new RuntimeException($"config.json: {e.Message}");
            }
            if (!seen.Add(kind.OciName)) throw new RuntimeException($"config.json: namespace \"{ns.Type}\" is listed twice");
            if (kind == NamespaceKind.User) throw new RuntimeException("user namespaces are not supported yet");
            if (kind == NamespaceKind.Time) throw new RuntimeException("time namespaces are not supported yet");
            if (ns.Path is { Length: > 0 } p && !File.Exists(p)) throw new RuntimeException($"{ns.Type} namespace path {p} does not exist");
        }
        if (linux.UidMappings is { Count: > 0 } || linux.GidMappings is { Count: > 0 })
        {
            throw new RuntimeException("uid/gid mappings need a user namespace, which is not supported yet");
        }
        if (!seen.Contains("mount")) throw new RuntimeException("config.json: a mount namespace is required");
        if ((spec.Hostname is { Length: > 0 } || spec.Domainname is { Length: > 0 }) && !HasNew(linux, "uts"))
        {
            throw new RuntimeException("config.json: setting hostname or domainname needs a new uts namespace");
        }
        if (linux.RootfsPropagation is { Length: > 0 } rp && MountOptions.ParsePropagation(rp) is null)
        {
            throw new RuntimeException($"config.json: unknown rootfsPropagation \"{rp}\"");
        }
        foreach (var m in spec.Mounts ?? [])
        {
            if (!m.Destination.StartsWith('/')) throw new RuntimeException($"config.json: mount destination \"{m.Destination}\" is not absolute");
            Wrap(() => MountOptions.Parse(m.Options));
        }
        foreach (var d in linux.Devices ?? [])
        {
            if (d.Type is not ("c" or "b" or "u" or "p")) throw new RuntimeException($"config.json: device {d.Path} has unknown type \"{d.Type}\"");
            if (!d.Path.StartsWith("/dev/", StringComparison.Ordinal)) throw new RuntimeException($"config.json: device path {d.Path} is not under /dev");
        }
        if (linux.Seccomp is { } seccomp) Wrap(() => Seccomp.Validate(seccomp));
        if (linux.CgroupsPath is { } cg && cg.Contains(':')) throw new RuntimeException("systemd cgroup paths are not supported yet");
        foreach (var hook in AllHooks(spec.Hooks))
        {
            if (!Path.IsPathRooted(hook.Path)) throw new RuntimeException($"config.json: hook path \"{hook.Path}\" is not absolute");
        }
    }

    public static void ValidateProcess(ProcessSpec process, string field)
    {
        if (process.Args is not { Count: > 0 } || string.IsNullOrEmpty(process.Args[0])) throw new RuntimeException($"config.json: {field}.args must name a program");
        if (!process.Cwd.StartsWith('/')) throw new RuntimeException($"config.json: {field}.cwd \"{process.Cwd}\" is not absolute");
        Wrap(() => Capabilities.Validate(process.Capabilities));
        Wrap(() => Rlimits.Validate(process.Rlimits));
        if (process.OomScoreAdj is < -1000 or > 1000) throw new RuntimeException($"config.json: {field}.oomScoreAdj must be between -1000 and 1000");
    }

    private static bool HasNew(LinuxSpec linux, string type) =>
        linux.Namespaces?.Any(n => n.Type == type && string.IsNullOrEmpty(n.Path)) == true;

    private static IEnumerable<HookSpec> AllHooks(HooksSpec? h) =>
        h is null ? [] : new[] { h.Prestart, h.CreateRuntime, h.CreateContainer, h.StartContainer, h.Poststart, h.Poststop }
            .SelectMany(l => l ?? []);

    private static void Wrap(Action check)
    {
        try
        {
            check();
        }
        catch (LinuxException e)
        {
            throw new RuntimeException($"config.json: {e.Message}");
        }
    }
}
