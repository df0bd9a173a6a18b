namespace Berth.Engine.Config;

// Parses `berth daemon` flags with dockerd's names. Each flag that is set is remembered under its daemon.json
// key, because dockerd refuses a setting given both as a flag and in the file.
public static class DaemonFlags
{
    public sealed record Result(DaemonOptions Options, IReadOnlyDictionary<string, string> SetFlags, bool Help, bool Version);

    private enum Kind { Text, List, Bool }

    private sealed record Flag(string Long, string? Short, string Key, Kind Kind);

    private static readonly Flag[] Known =
    [
        new("host", "H", "hosts", Kind.List),
        new("data-root", null, "data-root", Kind.Text),
        new("exec-root", null, "exec-root", Kind.Text),
        new("pidfile", "p", "pidfile", Kind.Text),
        new("config-file", null, "config-file", Kind.Text),
        new("log-level", "l", "log-level", Kind.Text),
        new("debug", "D", "debug", Kind.Bool),
        new("live-restore", null, "live-restore", Kind.Bool),
        new("registry-mirror", null, "registry-mirrors", Kind.List),
        new("insecure-registry", null, "insecure-registries", Kind.List),
        new("init", null, "init", Kind.Bool),
        new("init-path", null, "init-path", Kind.Text),
        new("bridge", "b", "bridge", Kind.Text),
        new("bip", null, "bip", Kind.Text),
        new("mtu", null, "mtu", Kind.Text),
    ];

    public static Result Parse(IReadOnlyList<string> args)
    {
        var options = new DaemonOptions();
        var set = new Dictionary<string, string>();
        bool help = false, version = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help") { help = true; continue; }
            if (arg is "-v" or "--version") { version = true; continue; }
            if (!arg.StartsWith('-') || arg == "-" || arg == "--")
                throw new DaemonConfigException($"\"berth daemon\" accepts no arguments, got \"{arg}\"; see 'berth daemon --help'", 125);

            var (name, inline) = Split(arg);
            var flag = Array.Find(Known, f => name == "--" + f.Long || (f.Short is not null && name == "-" + f.Short))
                ?? throw new DaemonConfigException($"unknown flag: {name}; see 'berth daemon --help'", 125);
            string value;
            if (flag.Kind == Kind.Bool)
                value = inline ?? "true";
            else if (inline is not null)
                value = inline;
            else if (i + 1 < args.Count)
                value = args[++i];
            else
                throw new DaemonConfigException($"flag needs an argument: {name}; see 'berth daemon --help'", 125);

            Apply(options, flag, value);
            set[flag.Key] = set.TryGetValue(flag.Key, out var before) && flag.Kind == Kind.List ? before + " " + value : value;
        }
        return new Result(options, set, help, version);
    }

    internal static int ParseMtu(string value) =>
        int.TryParse(value, out var mtu) && mtu is 0 or (>= 68 and <= 65535) ? mtu
            : throw new DaemonConfigException($"invalid MTU {value}: it must be between 68 and 65535", 125);

    private static (string Name, string? Inline) Split(string arg)
    {
        var eq = arg.IndexOf('=');
        if (eq > 0) return (arg[..eq], arg[(eq + 1)..]);
        // -Hunix:///x is how pflag reads a short flag with its value attached.
        if (arg.Length > 2 && arg[1] != '-') return (arg[..2], arg[2..]);
        return (arg, null);
    }

    private static void Apply(DaemonOptions o, Flag flag, string value)
    {
        switch (flag.Key)
        {
            case "hosts": o.Hosts.Add(value); break;
            case "data-root": o.DataRoot = Path.GetFullPath(value); break;
            case "exec-root": o.ExecRoot = Path.GetFullPath(value); break;
            case "pidfile": o.PidFile = Path.GetFullPath(value); break;
            case "config-file": o.ConfigFile = Path.GetFullPath(value); break;
            case "log-level": o.LogLevel = ParseLevel(value); break;
            case "debug": o.Debug = ParseBool(flag.Long, value); break;
            case "live-restore": o.LiveRestore = ParseBool(flag.Long, value); break;
            case "registry-mirrors": o.RegistryMirrors.Add(value); break;
            case "insecure-registries": o.InsecureRegistries.Add(value); break;
            case "init": o.Init = ParseBool(flag.Long, value); break;
            case "init-path": o.InitPath = Path.GetFullPath(value); break;
            case "bridge": o.Bridge = value; break;
            case "bip": o.Bip = value; break;
            case "mtu": o.Mtu = ParseMtu(value); break;
        }
    }

    internal static LogLevel ParseLevel(string value) => value.ToLowerInvariant() switch
    {
        "debug" => LogLevel.Debug,
        "info" => LogLevel.Info,
        "warn" or "warning" => LogLevel.Warn,
        "error" => LogLevel.Error,
        "fatal" => LogLevel.Fatal,
        _ => throw new DaemonConfigException($"unable to parse logging level: {value}"),
    };

    private static bool ParseBool(string name, string value) => value switch
    {
        "true" or "1" => true,
        "false" or "0" => false,
        _ => throw new DaemonConfigException($"invalid argument \"{value}\" for \"--{name}\" flag: expected true or false", 125),
    };
}
