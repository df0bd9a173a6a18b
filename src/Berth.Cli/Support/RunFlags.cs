namespace Berth.Cli.Support;

// The flags `run` and `create` share (docker's container options), declared once.
public static class RunFlags
{
    // Short names, for docker's "-m, --memory" in error messages.
    public static readonly Dictionary<string, string> Shorts = new(StringComparer.Ordinal)
    {
        ["attach"] = "a", ["cpu-shares"] = "c", ["detach"] = "d", ["env"] = "e", ["hostname"] = "h", ["interactive"] = "i",
        ["label"] = "l", ["memory"] = "m", ["publish"] = "p", ["publish-all"] = "P", ["quiet"] = "q", ["tty"] = "t",
        ["user"] = "u", ["volume"] = "v", ["workdir"] = "w",
    };

    private static readonly string[] Values =
    [
        "add-host", "annotation", "attach", "blkio-weight", "cap-add", "cap-drop", "cgroup-parent", "cgroupns", "cidfile",
        "cpu-period", "cpu-quota", "cpu-rt-period", "cpu-rt-runtime", "cpu-shares", "cpus", "cpuset-cpus", "cpuset-mems",
        "detach-keys", "device", "device-cgroup-rule", "dns", "dns-option", "dns-search", "domainname", "entrypoint", "env",
        "env-file", "expose", "group-add", "health-cmd", "health-interval", "health-retries", "health-start-interval",
        "health-start-period", "health-timeout", "hostname", "ipc", "isolation", "label", "label-file", "link", "log-driver",
        "log-opt", "mac-address", "memory", "memory-reservation", "memory-swap", "memory-swappiness", "mount", "name",
        "network", "network-alias", "oom-score-adj", "pid", "pids-limit", "platform", "publish", "pull", "restart", "runtime",
        "security-opt", "shm-size", "stop-signal", "stop-timeout", "storage-opt", "sysctl", "tmpfs", "ulimit", "user",
        "userns", "uts", "volume", "volume-driver", "volumes-from", "workdir", "gpus", "ip", "ip6",
    ];

    private static readonly string[] Bools =
    [
        "detach", "disable-content-trust", "init", "interactive", "no-healthcheck", "oom-kill-disable", "privileged",
        "publish-all", "quiet", "read-only", "rm", "sig-proxy", "tty", "use-api-socket",
    ];

    public static FlagParser Parser(string command)
    {
        var parser = new FlagParser(command);
        foreach (var v in Values) parser.Value(v, Shorts.GetValueOrDefault(v));
        foreach (var b in Bools) parser.Bool(b, Shorts.GetValueOrDefault(b));
        return parser;
    }

    public static string Label(string name) => Shorts.TryGetValue(name, out var s) ? $"-{s}, --{name}" : $"--{name}";
}
