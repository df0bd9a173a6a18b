using System.Text.Json;

namespace Berth.Engine.Config;

// Reads a daemon.json with dockerd's keys into DaemonOptions. As dockerd does, it refuses keys it does not
// know (a typo would otherwise be silently ignored) and settings given both here and as a flag.
public static class DaemonConfigFile
{
    // dockerd's keys. Those of features Berth does not have yet are accepted so one daemon.json serves both.
    private static readonly HashSet<string> KnownKeys = new(StringComparer.Ordinal)
    {
        "allow-direct-routing", "allow-nondistributable-artifacts", "api-cors-header", "authorization-plugins",
        "bip", "bip6", "bridge", "builder", "cdi-spec-dirs", "cgroup-parent", "containerd", "containerd-namespace",
        "containerd-plugins-namespace", "data-root", "debug", "default-address-pools", "default-cgroupns-mode",
        "default-gateway", "default-gateway-v6", "default-ipc-mode", "default-network-opts", "default-runtime",
        "default-shm-size", "default-ulimits", "dns", "dns-opts", "dns-search", "exec-opts", "exec-root",
        "experimental", "features", "firewall-backend", "fixed-cidr", "fixed-cidr-v6", "group", "host-gateway-ip",
        "host-gateway-ips", "hosts", "icc", "init", "init-path", "insecure-registries", "ip", "ip-forward",
        "ip-forward-no-drop", "ip-masq", "ip6tables", "iptables", "ipv6", "labels", "live-restore", "log-driver",
        "log-format", "log-level", "log-opts", "max-concurrent-downloads", "max-concurrent-uploads",
        "max-download-attempts", "min-api-version", "mtu", "no-new-privileges", "node-generic-resources",
        "oom-score-adjust", "pidfile", "proxies", "raw-logs", "registry-mirrors", "runtimes", "seccomp-profile",
        "selinux-enabled", "shutdown-timeout", "storage-driver", "storage-opts", "swarm-default-advertise-addr",
        "tls", "tlscacert", "tlscert", "tlskey", "tlsverify", "userland-proxy", "userland-proxy-path", "userns-remap",
    };

    // Loads the file named by --config-file, or the default one when it exists.
    public static void Apply(DaemonOptions options, IReadOnlyDictionary<string, string> setFlags)
    {
        var explicitPath = options.ConfigFile is not null;
        var path = options.ConfigFile ?? DaemonOptions.DefaultConfigFile;
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (FileNotFoundException) when (!explicitPath) { return; }
        catch (DirectoryNotFoundException) when (!explicitPath) { return; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Fail(path, $"open {path}: {Reason(e)}");
        }
        try
        {
            ApplyText(options, setFlags, text);
        }
        catch (DaemonConfigException e)
        {
            throw Fail(path, e.Message);
        }
    }

    // The file's contents without the "unable to configure" prefix; separate so it can be tested without files.
    internal static void ApplyText(DaemonOptions options, IReadOnlyDictionary<string, string> setFlags, string text)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException e)
        {
            throw new DaemonConfigException($"invalid JSON: {e.Message}");
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new DaemonConfigException("the configuration must be a JSON object");

            var unknown = doc.RootElement.EnumerateObject().Select(p => p.Name).Where(k => !KnownKeys.Contains(k)).ToList();
            if (unknown.Count > 0)
                throw new DaemonConfigException($"the following directives don't match any configuration option: {string.Join(", ", unknown)}");

            var conflicts = doc.RootElement.EnumerateObject()
                .Where(p => setFlags.ContainsKey(p.Name))
                .Select(p => $"{p.Name}: (from flag: {setFlags[p.Name]}, from file: {Show(p.Value)})")
                .ToList();
            if (conflicts.Count > 0)
                throw new DaemonConfigException($"the following directives are specified both as a flag and in the configuration file: {string.Join(", ", conflicts)}");

            foreach (var p in doc.RootElement.EnumerateObject())
                ApplyKey(options, p.Name, p.Value);
        }
    }

    private static Dictionary<string, string> StringMap(string key, JsonElement v) =>
        v.ValueKind == JsonValueKind.Object && v.EnumerateObject().All(p => p.Value.ValueKind == JsonValueKind.String)
            ? v.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!)
            : throw new DaemonConfigException($"invalid value for \"{key}\": expected an object of strings, got {Show(v)}");

    private static void ApplyKey(DaemonOptions o, string key, JsonElement v)
    {
        switch (key)
        {
            case "hosts": o.Hosts.AddRange(Strings(key, v)); break;
            case "data-root": o.DataRoot = Path.GetFullPath(Text(key, v)); break;
            case "exec-root": o.ExecRoot = Path.GetFullPath(Text(key, v)); break;
            case "pidfile": o.PidFile = Path.GetFullPath(Text(key, v)); break;
            case "log-level": o.LogLevel = DaemonFlags.ParseLevel(Text(key, v)); break;
            case "debug": o.Debug = Bool(key, v); break;
            case "live-restore": o.LiveRestore = Bool(key, v); break;
            case "registry-mirrors": o.RegistryMirrors.AddRange(Strings(key, v)); break;
            case "insecure-registries": o.InsecureRegistries.AddRange(Strings(key, v)); break;
            case "log-driver": o.LogDriver = Text(key, v); break;
            case "log-opts": o.LogOpts = StringMap(key, v); break;
            case "init": o.Init = Bool(key, v); break;
            case "init-path": o.InitPath = Path.GetFullPath(Text(key, v)); break;
            case "bridge": o.Bridge = Text(key, v); break;
            case "bip": o.Bip = Text(key, v); break;
            case "mtu": o.Mtu = v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var mtu) ? DaemonFlags.ParseMtu(mtu.ToString(System.Globalization.CultureInfo.InvariantCulture)) : throw new DaemonConfigException($"invalid value for \"mtu\": expected a number, got {Show(v)}"); break;
            case "default-address-pools": o.DefaultAddressPools = Pools(key, v); break;
        }
    }

    // [{"base": "10.200.0.0/16", "size": 24}, ...] as dockerd takes it.
    private static List<(string Base, int Size)> Pools(string key, JsonElement v)
    {
        if (v.ValueKind != JsonValueKind.Array)
            throw new DaemonConfigException($"invalid value for \"{key}\": expected an array, got {Show(v)}");
        return v.EnumerateArray().Select(p =>
            p.ValueKind == JsonValueKind.Object && p.TryGetProperty("base", out var b) && b.ValueKind == JsonValueKind.String
                && p.TryGetProperty("size", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt32(out var size)
                ? (b.GetString()!, size)
                : throw new DaemonConfigException($"invalid value for \"{key}\": each pool needs \"base\" and \"size\", got {Show(p)}"))
            .ToList();
    }

    private static string Text(string key, JsonElement v) =>
        v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s
            : throw new DaemonConfigException($"invalid value for \"{key}\": expected a non-empty string, got {Show(v)}");

    private static bool Bool(string key, JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new DaemonConfigException($"invalid value for \"{key}\": expected true or false, got {Show(v)}"),
    };

    private static IEnumerable<string> Strings(string key, JsonElement v)
    {
        if (v.ValueKind != JsonValueKind.Array || v.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
            throw new DaemonConfigException($"invalid value for \"{key}\": expected an array of strings, got {Show(v)}");
        return v.EnumerateArray().Select(e => e.GetString()!).ToList();
    }

    private static string Show(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString()!,
        JsonValueKind.Array => "[" + string.Join(" ", v.EnumerateArray().Select(Show)) + "]",
        _ => v.GetRawText(),
    };

    private static string Reason(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => "no such file or directory",
        UnauthorizedAccessException => "permission denied",
        _ => e.Message,
    };

    private static DaemonConfigException Fail(string path, string why) =>
        new($"unable to configure the daemon with file {path}: {why}");
}
