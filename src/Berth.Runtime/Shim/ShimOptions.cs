namespace Berth.Runtime.Shim;

// Everything `berth shim` is told on its command line. ShimBinary and StderrPath only matter to ShimLauncher:
// which executable to start as the shim (default: this one) and where its stderr goes (default /dev/null).
// A shim started ahead of time opens its stderr itself, so its job carries --stderr (StandbyArguments).
public sealed record ShimOptions
{
    public required string Id { get; init; }
    public required string Bundle { get; init; }
    public required string RuntimeRoot { get; init; }
    public required string SocketPath { get; init; }
    public required string ExitFilePath { get; init; }
    public string LogDriver { get; init; } = "json-file";
    public string? LogPath { get; init; }
    public long LogMaxSize { get; init; }
    public int LogMaxFile { get; init; } = 1;
    public bool Tty { get; init; }
    public bool Stdin { get; init; }
    public bool StdinOnce { get; init; }
    public string? Runtime { get; init; }
    public string? ShimBinary { get; init; }
    public string? StderrPath { get; init; }
    // The container's linux.cgroupsPath, where the shim looks for an OOM kill at the exit; read from the bundle's
    // config.json when not given (a JSON parse of the whole spec on the exit's path).
    public string? CgroupsPath { get; init; }
    // Start the container as soon as it is created, rather than on a "start" request: the round trips of the ready
    // line, the daemon's attaches and its start request are then no longer between the create and the exec.
    public bool Start { get; init; }
    // With Start: how many attaches the daemon makes right after the ready line; output before they are in is kept
    // for them (OutputHub).
    public int HeldAttaches { get; init; }

    public IReadOnlyList<string> ToArguments()
    {
        var args = new List<string>
        {
            "shim", "--id", Id, "--bundle", Bundle, "--runtime-root", RuntimeRoot, "--socket", SocketPath,
            "--exit-file", ExitFilePath, "--log-driver", LogDriver,
            "--log-max-size", LogMaxSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--log-max-file", LogMaxFile.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (LogPath is not null) args.AddRange(["--log-path", LogPath]);
        if (Tty) args.Add("--tty");
        if (Stdin) args.Add("--stdin");
        if (StdinOnce) args.Add("--stdin-once");
        if (Runtime is not null) args.AddRange(["--runtime", Runtime]);
        if (CgroupsPath is not null) args.AddRange(["--cgroups-path", CgroupsPath]);
        if (Start) args.Add("--start");
        if (HeldAttaches > 0) args.AddRange(["--held-attaches", HeldAttaches.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        return args;
    }

    // The job of a standby shim: the arguments after `shim`, with the stderr file it is to open itself.
    public IReadOnlyList<string> StandbyArguments()
    {
        var args = ToArguments().Skip(1).ToList();
        if (StderrPath is not null) args.AddRange(["--stderr", StderrPath]);
        return args;
    }

    // Parses the arguments after `shim`.
    public static ShimOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>();
        var switches = new HashSet<string>();
        string[] valueFlags = ["--id", "--bundle", "--runtime-root", "--socket", "--exit-file", "--log-driver", "--log-path", "--log-max-size", "--log-max-file", "--runtime", "--stderr", "--cgroups-path", "--held-attaches"];
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (a is "--tty" or "--stdin" or "--stdin-once" or "--start") switches.Add(a);
            else if (valueFlags.Contains(a))
            {
                if (i + 1 >= args.Count) throw new RuntimeException($"flag needs an argument: {a}");
                values[a] = args[++i];
            }
            else throw new RuntimeException($"unknown shim argument \"{a}\"");
        }
        string Need(string flag) => values.TryGetValue(flag, out var v) && v.Length > 0 ? v : throw new RuntimeException($"missing {flag}");
        long Long(string flag, long fallback) => !values.TryGetValue(flag, out var v) ? fallback
            : long.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : throw new RuntimeException($"invalid {flag} \"{v}\"");
        var driver = values.GetValueOrDefault("--log-driver", "json-file");
        if (driver is not ("json-file" or "none")) throw new RuntimeException($"log driver \"{driver}\" is not supported yet");
        var options = new ShimOptions
        {
            Id = Need("--id"),
            Bundle = Need("--bundle"),
            RuntimeRoot = Need("--runtime-root"),
            SocketPath = Need("--socket"),
            ExitFilePath = Need("--exit-file"),
            LogDriver = driver,
            LogPath = values.GetValueOrDefault("--log-path"),
            LogMaxSize = Long("--log-max-size", 0),
            LogMaxFile = (int)Math.Clamp(Long("--log-max-file", 1), 1, 1000),
            Tty = switches.Contains("--tty"),
            Stdin = switches.Contains("--stdin"),
            StdinOnce = switches.Contains("--stdin-once"),
            Runtime = values.GetValueOrDefault("--runtime"),
            StderrPath = values.GetValueOrDefault("--stderr"),
            CgroupsPath = values.GetValueOrDefault("--cgroups-path"),
            Start = switches.Contains("--start"),
            HeldAttaches = (int)Math.Min(Long("--held-attaches", 0), 64),
        };
        if (driver == "json-file" && options.LogPath is null) throw new RuntimeException("missing --log-path for the json-file log driver");
        return options;
    }
}
