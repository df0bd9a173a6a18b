using System.Collections.Concurrent;
using System.Text.Json;
using Berth.Oci.Runtime;

namespace Berth.Engine.Containers.Spec;

// Turns a Docker seccomp profile into the OCI seccomp object for this host (x86_64), keeping the
// rules whose includes/excludes match the container's capabilities and architecture, as dockerd does.
public static class SeccompProfiles
{
    private const string HostArch = "amd64";

    public static DockerSeccompProfile Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, SeccompProfileJsonContext.Default.DockerSeccompProfile)
                ?? throw new ContainerSpecException("decoding seccomp profile failed: the profile is null");
        }
        catch (JsonException e)
        {
            throw new ContainerSpecException($"decoding seccomp profile failed: {e.Message}");
        }
    }

    // Docker's default profile comes out the same for the same capabilities, and composing it took about 0.5 ms of
    // every create and every start. The specs are shared: nothing changes a composed spec after it is built.
    private static readonly ConcurrentDictionary<string, SeccompSpec> DefaultByCapabilities = new(StringComparer.Ordinal);
    private const int MaxCachedDefaults = 64;

    public static SeccompSpec Default(IReadOnlyCollection<string> capabilities)
    {
        var key = string.Join(',', capabilities.Order(StringComparer.Ordinal));
        if (DefaultByCapabilities.TryGetValue(key, out var spec)) return spec;
        spec = ToSpec(DefaultSeccompProfile.Create(), capabilities);
        if (DefaultByCapabilities.Count < MaxCachedDefaults) DefaultByCapabilities.TryAdd(key, spec);
        return spec;
    }

    public static SeccompSpec ToSpec(DockerSeccompProfile profile, IReadOnlyCollection<string> capabilities)
    {
        if (profile.Architectures is { Count: > 0 } && profile.ArchMap is { Count: > 0 })
            throw new ContainerSpecException("use either 'architectures' or 'archMap'");
        var spec = new SeccompSpec
        {
            DefaultAction = profile.DefaultAction,
            DefaultErrnoRet = profile.DefaultErrnoRet,
            Flags = profile.Flags is { Count: > 0 } f ? [.. f] : null,
            Syscalls = [],
        };
        if (profile.ArchMap is { Count: > 0 })
        {
            // Only the host's architecture and its sub-architectures, as dockerd picks them.
            var own = profile.ArchMap.FirstOrDefault(a => a.Architecture == "SCMP_ARCH_X86_64");
            if (own is not null) spec.Architectures = [own.Architecture, .. own.SubArchitectures ?? []];
        }
        else if (profile.Architectures is { Count: > 0 } archs)
            spec.Architectures = [.. archs];

        foreach (var rule in profile.Syscalls ?? [])
        {
            if (rule.Name is { Length: > 0 } && rule.Names is { Count: > 0 })
                throw new ContainerSpecException("use either 'name' or 'names'");
            if (!Applies(rule, capabilities)) continue;
            var names = rule.Names is { Count: > 0 } n ? n : rule.Name is { Length: > 0 } one ? [one] : [];
            spec.Syscalls.Add(new SeccompSyscall
            {
                Names = [.. names],
                Action = rule.Action,
                ErrnoRet = rule.ErrnoRet,
                Args = rule.Args?.Select(a => new SeccompArg { Index = a.Index, Value = a.Value, ValueTwo = a.ValueTwo, Op = a.Op }).ToList(),
            });
        }
        return spec;
    }

    private static bool Applies(DockerSeccompSyscall rule, IReadOnlyCollection<string> caps)
    {
        if (rule.Includes is { } inc)
        {
            if (inc.Arches is { Count: > 0 } && !inc.Arches.Contains(HostArch)) return false;
            if (inc.Caps is { Count: > 0 } && !inc.Caps.All(caps.Contains)) return false;
            if (inc.MinKernel is { Length: > 0 } min && !KernelAtLeast(min)) return false;
        }
        if (rule.Excludes is { } exc)
        {
            if (exc.Arches is { Count: > 0 } && exc.Arches.Contains(HostArch)) return false;
            if (exc.Caps is { Count: > 0 } && exc.Caps.Any(caps.Contains)) return false;
        }
        return true;
    }

    private static readonly Lazy<string> KernelRelease = new(() =>
        File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : "0.0");

    private static bool KernelAtLeast(string min)
    {
        static Version? Parse(string s)
        {
            var digits = new string(s.TakeWhile(c => char.IsDigit(c) || c == '.').ToArray()).Trim('.');
            return Version.TryParse(digits.Contains('.') ? digits : digits + ".0", out var v) ? v : null;
        }
        var have = Parse(KernelRelease.Value);
        var want = Parse(min) ?? throw new ContainerSpecException($"invalid kernel version: {min}");
        return have is not null && have >= want;
    }
}
