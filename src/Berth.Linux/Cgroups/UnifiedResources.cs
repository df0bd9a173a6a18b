namespace Berth.Linux.Cgroups;

// linux.resources.unified: raw cgroup v2 "file: value" pairs, written last so
// they override what the structured fields set.
internal static class UnifiedResources
{
    public static void Apply(CgroupKnobs k, IReadOnlyDictionary<string, string> values, Func<string, bool> controllerAvailable)
    {
        foreach (var (key, value) in values)
        {
            if (key.Contains('/') || key.StartsWith('.') || !key.Contains('.'))
                throw new LinuxException($"cgroup unified: invalid key \"{key}\" (must be a cgroup v2 file name such as memory.high)");
            if (key is "cgroup.procs" or "cgroup.threads" or "cgroup.subtree_control" or "cgroup.kill" or "cgroup.freeze")
                throw new LinuxException($"cgroup unified: \"{key}\" is managed by the runtime and cannot be set");
            if (!k.Has(key))
            {
                var controller = key[..key.IndexOf('.')];
                throw new LinuxException(controller != "cgroup" && !controllerAvailable(controller)
                    ? $"cgroup unified: cannot set {key}: the {controller} controller is not available in cgroup v2 here"
                    : $"cgroup unified: cannot set {key}: no such file in {k.Dir}");
            }
            k.Set(key, value);
        }
    }
}
