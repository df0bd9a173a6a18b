namespace Berth.Engine.Config;

// The daemon's settings after flags and daemon.json are merged.
public sealed class DaemonOptions
{
    public const string DefaultDataRoot = "/var/lib/berth";
    public const string DefaultExecRoot = "/run/berth";
    public const string DefaultConfigFile = "/etc/berth/daemon.json";

    public List<string> Hosts { get; set; } = [];
    public string DataRoot { get; set; } = DefaultDataRoot;
    public string ExecRoot { get; set; } = DefaultExecRoot;
    // Null means "<exec-root>/berth.pid", so daemons with their own exec roots never share a pid file.
    public string? PidFile { get; set; }
    public string? ConfigFile { get; set; }
    public LogLevel LogLevel { get; set; } = LogLevel.Info;
    public bool Debug { get; set; }
    public bool LiveRestore { get; set; }
    public List<string> RegistryMirrors { get; set; } = [];
    public List<string> InsecureRegistries { get; set; } = [];
    // daemon.json "log-driver" and "log-opts": what a container without a LogConfig of its own gets.
    public string LogDriver { get; set; } = "json-file";
    public Dictionary<string, string> LogOpts { get; set; } = [];
    // daemon.json "init" and "init-path": --init by default, and the static init binary it mounts.
    public bool Init { get; set; }
    public string? InitPath { get; set; }
    // daemon.json "bridge", "bip" and "default-address-pools": the default bridge's device ("none": no default
    // bridge), its gateway address with prefix, and where new networks take their subnets from.
    public string Bridge { get; set; } = DefaultBridge;
    public string? Bip { get; set; }
    public List<(string Base, int Size)> DefaultAddressPools { get; set; } = [];
    // daemon.json "mtu": of the bridges and container interfaces (0: the kernel's default).
    public int Mtu { get; set; }

    public const string DefaultBridge = "berth0";

    public string EffectivePidFile => PidFile ?? Path.Combine(ExecRoot, "berth.pid");

    public IReadOnlyList<string> EffectiveHosts =>
        Hosts.Count > 0 ? Hosts : ["unix://" + Path.Combine(ExecRoot, "berth.sock")];
}

public enum LogLevel { Debug, Info, Warn, Error, Fatal }
