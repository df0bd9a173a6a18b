using System.Globalization;
using Berth.Api.Models.Containers;

namespace Berth.Cli.Support;

// Turns `run`/`create` command lines into the create request the docker CLI sends, with docker's validation
// messages. `env` looks up variables named without a value (-e FOO); `readFile` reads --env-file and --label-file.
public sealed class RunOptionsParser(Func<string, string?> env, Func<string, string[]> readFile)
{
    public RunOptions Parse(string command, IReadOnlyList<string> args, bool isRun)
    {
        var f = RunFlags.Parser(command).Parse(args, stopAtFirstArgument: true);
        if (f.Arguments.Count == 0)
            throw new UsageException($"\"{command}\" requires at least 1 argument.\nSee '{command} --help'.");
        var image = f.Arguments[0];
        var cmd = f.Arguments.Skip(1).ToList();

        var detach = isRun && f.Flag("detach");
        var interactive = f.Flag("interactive");
        var tty = f.Flag("tty");
        var attach = f.All("attach").Select(a => a.ToLowerInvariant()).ToList();
        foreach (var a in attach)
            if (a is not ("stdin" or "stdout" or "stderr"))
                throw Invalid(attach[0], "attach", "valid streams are STDIN, STDOUT and STDERR");
        if (detach && attach.Count > 0)
            throw new UsageException("conflicting options: cannot specify both --attach and --detach");

        var config = new ContainerCreateRequest { Image = image, Tty = tty, OpenStdin = interactive };
        if (!detach)
        {
            if (attach.Count == 0)
            {
                config.AttachStdout = config.AttachStderr = true;
                config.AttachStdin = interactive;
            }
            else
            {
                config.AttachStdin = attach.Contains("stdin");
                config.AttachStdout = attach.Contains("stdout");
                config.AttachStderr = attach.Contains("stderr");
            }
        }
        if (config.OpenStdin && config.AttachStdin) config.StdinOnce = true;

        config.Hostname = f.Last("hostname") ?? "";
        config.Domainname = f.Last("domainname") ?? "";
        config.User = f.Last("user") ?? "";
        config.WorkingDir = f.Last("workdir") ?? "";
        config.Env = NullIfEmpty(Env(f));
        config.Cmd = cmd.Count > 0 ? cmd : null;
        if (f.IsSet("entrypoint")) config.Entrypoint = [f.Last("entrypoint")!];
        config.Labels = Labels(f);
        config.Volumes = [];
        config.StopSignal = f.Last("stop-signal");
        if (f.Last("stop-timeout") is { } st) config.StopTimeout = (int)Number(st, "stop-timeout");
        if (f.Last("mac-address") is { } mac) config.MacAddress = mac;
        config.Healthcheck = Health(f);

        var host = new HostConfig
        {
            Binds = null,
            ContainerIDFile = "",
            LogConfig = new LogConfig { Type = f.Last("log-driver") ?? "", Config = Map(f.All("log-opt")) },
            NetworkMode = f.Last("network") ?? "default",
            PortBindings = [],
            RestartPolicy = Restart(f.Last("restart") ?? "no"),
            AutoRemove = f.Flag("rm"),
            VolumeDriver = f.Last("volume-driver") ?? "",
            VolumesFrom = NullIfEmpty(f.All("volumes-from")),
            ConsoleSize = [0, 0],
            CapAdd = NullIfEmpty(f.All("cap-add").Select(Capability).ToList()),
            CapDrop = NullIfEmpty(f.All("cap-drop").Select(Capability).ToList()),
            CgroupnsMode = f.Last("cgroupns") ?? "",
            Dns = f.All("dns").ToList(),
            DnsOptions = f.All("dns-option").ToList(),
            DnsSearch = f.All("dns-search").ToList(),
            ExtraHosts = NullIfEmpty(f.All("add-host").Select(AddHost).ToList()),
            GroupAdd = NullIfEmpty(f.All("group-add")),
            IpcMode = f.Last("ipc") ?? "",
            Links = NullIfEmpty(f.All("link")),
            OomScoreAdj = f.Last("oom-score-adj") is { } oom ? (int)Number(oom, "oom-score-adj") : 0,
            PidMode = f.Last("pid") ?? "",
            Privileged = f.Flag("privileged"),
            PublishAllPorts = f.Flag("publish-all"),
            ReadonlyRootfs = f.Flag("read-only"),
            SecurityOpt = NullIfEmpty(f.All("security-opt").Select(SecurityOpt).ToList()),
            StorageOpt = f.IsSet("storage-opt") ? Map(f.All("storage-opt")) : null,
            Tmpfs = f.IsSet("tmpfs") ? Tmpfs(f.All("tmpfs")) : null,
            UTSMode = f.Last("uts") ?? "",
            UsernsMode = f.Last("userns") ?? "",
            ShmSize = f.Last("shm-size") is { } shm ? Size(shm, "shm-size") : 0,
            Sysctls = f.IsSet("sysctl") ? Map(f.All("sysctl")) : null,
            Runtime = f.Last("runtime"),
            Isolation = f.Last("isolation") ?? "",
            CpuShares = f.Last("cpu-shares") is { } shares ? Number(shares, "cpu-shares") : 0,
            Memory = f.Last("memory") is { } m ? Size(m, "memory") : 0,
            NanoCpus = f.Last("cpus") is { } cpus ? Cpus(cpus) : 0,
            CgroupParent = f.Last("cgroup-parent") ?? "",
            BlkioWeight = f.Last("blkio-weight") is { } bw ? (ushort)Number(bw, "blkio-weight") : (ushort)0,
            BlkioWeightDevice = [], BlkioDeviceReadBps = [], BlkioDeviceWriteBps = [], BlkioDeviceReadIOps = [], BlkioDeviceWriteIOps = [],
            CpuPeriod = f.Last("cpu-period") is { } cp ? Number(cp, "cpu-period") : 0,
            CpuQuota = f.Last("cpu-quota") is { } cq ? Number(cq, "cpu-quota") : 0,
            CpuRealtimePeriod = f.Last("cpu-rt-period") is { } rp ? Number(rp, "cpu-rt-period") : 0,
            CpuRealtimeRuntime = f.Last("cpu-rt-runtime") is { } rr ? Number(rr, "cpu-rt-runtime") : 0,
            CpusetCpus = f.Last("cpuset-cpus") ?? "",
            CpusetMems = f.Last("cpuset-mems") ?? "",
            Devices = f.All("device").Select(Device).ToList(),
            DeviceCgroupRules = NullIfEmpty(f.All("device-cgroup-rule")),
            MemoryReservation = f.Last("memory-reservation") is { } mr ? Size(mr, "memory-reservation") : 0,
            MemorySwap = f.Last("memory-swap") is { } ms ? (ms == "-1" ? -1 : Size(ms, "memory-swap")) : 0,
            MemorySwappiness = f.Last("memory-swappiness") is { } sw ? Number(sw, "memory-swappiness") : -1,
            OomKillDisable = f.Flag("oom-kill-disable"),
            PidsLimit = f.Last("pids-limit") is { } pl ? Number(pl, "pids-limit") : null,
            Ulimits = f.All("ulimit").Select(Ulimit).ToList(),
            Init = f.IsSet("init") ? f.Flag("init") : null,
            Annotations = f.IsSet("annotation") ? Map(f.All("annotation")) : null,
        };
        if (host.AutoRemove && host.RestartPolicy.Name is not ("no" or ""))
            throw new UsageException("conflicting options: cannot specify both --restart and --rm");
        if (f.Flag("use-api-socket"))
            throw new UsageException("--use-api-socket is not supported yet");
        if (f.IsSet("gpus"))
            throw new UsageException("--gpus is not supported yet");

        Volumes(f.All("volume"), host, config);
        host.Mounts = NullIfEmpty(f.All("mount").Select(MountSpec.Parse).ToList());
        Ports(f, config, host);

        config.HostConfig = host;
        var endpoint = new EndpointSettings { Aliases = NullIfEmpty(f.All("network-alias")) };
        if (f.Last("ip") is { } ip || f.Last("ip6") is not null)
            endpoint.IPAMConfig = new EndpointIpamConfig { IPv4Address = f.Last("ip") ?? "", IPv6Address = f.Last("ip6") ?? "" };
        config.NetworkingConfig = new NetworkingConfig { EndpointsConfig = new() { [host.NetworkMode] = endpoint } };

        var pull = f.Last("pull") ?? "missing";
        if (pull is not ("missing" or "never" or "always"))
            throw new UsageException($"invalid pull option: '{pull}': must be one of \"always\", \"missing\" or \"never\"");
        if (f.Last("detach-keys") is { } keys) DetachKeys.Parse(keys);
        return new RunOptions(config, image, f.Last("name"), f.Last("platform"), detach,
            f.IsSet("sig-proxy") ? f.Flag("sig-proxy") : true, f.Last("detach-keys"), f.Last("cidfile"), pull);
    }

    private static UsageException Invalid(string value, string flag, string why) =>
        new($"invalid argument \"{value}\" for \"{RunFlags.Label(flag)}\" flag: {why}");

    private static long Number(string value, string flag)
    {
        try { return ValueParsers.Int64(value); }
        catch (FormatException e) { throw Invalid(value, flag, e.Message); }
    }

    private static long Size(string value, string flag)
    {
        try { return ValueParsers.RamInBytes(value); }
        catch (FormatException e) { throw Invalid(value, flag, e.Message); }
    }

    private static long Cpus(string value)
    {
        try { return ValueParsers.NanoCpus(value); }
        catch (FormatException e) { throw Invalid(value, "cpus", e.Message); }
    }

    private static long? Duration(ParsedFlags f, string flag)
    {
        if (f.Last(flag) is not { } value) return null;
        long nanos;
        try { nanos = ValueParsers.GoDuration(value); }
        catch (FormatException e) { throw Invalid(value, flag, e.Message); }
        if (nanos < 0) throw new UsageException($"--{flag} cannot be negative");
        return nanos;
    }

    private static List<T>? NullIfEmpty<T>(IReadOnlyList<T> list) => list.Count == 0 ? null : list.ToList();

    private List<string> Env(ParsedFlags f)
    {
        var result = new List<string>();
        foreach (var file in f.All("env-file"))
            foreach (var raw in ReadLines(file))
            {
                var line = raw.TrimStart();
                if (line.Length == 0 || line.StartsWith('#')) continue;
                var eq = line.IndexOf('=');
                if (eq == 0) throw new UsageException($"invalid environment variable: {line}");
                if (eq > 0) result.Add(line);
                else if (env(line) is { } value) result.Add($"{line}={value}");
            }
        foreach (var e in f.All("env"))
        {
            var eq = e.IndexOf('=');
            if (eq == 0 || e.Length == 0) throw Invalid(e, "env", $"invalid environment variable: {e}");
            result.Add(eq > 0 ? e : env(e) is { } value ? $"{e}={value}" : e);
        }
        return result;
    }

    private string[] ReadLines(string file)
    {
        try
        {
            return readFile(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"open {file}: {(e is FileNotFoundException or DirectoryNotFoundException ? "no such file or directory" : e.Message)}");
        }
    }

    private Dictionary<string, string> Labels(ParsedFlags f)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in f.All("label-file"))
            foreach (var raw in ReadLines(file))
            {
                var line = raw.Trim();
                if (line.Length == 0 || line.StartsWith('#')) continue;
                Put(labels, line);
            }
        foreach (var l in f.All("label")) Put(labels, l);
        return labels;
    }

    private static void Put(Dictionary<string, string> map, string kv)
    {
        var eq = kv.IndexOf('=');
        if (eq < 0) map[kv] = "";
        else map[kv[..eq]] = kv[(eq + 1)..];
    }

    private static Dictionary<string, string> Map(IReadOnlyList<string> values)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var v in values) Put(map, v);
        return map;
    }

    private static RestartPolicy Restart(string value)
    {
        var colon = value.IndexOf(':');
        var name = colon < 0 ? value : value[..colon];
        var max = 0;
        if (colon >= 0 && !int.TryParse(value[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out max))
            throw new UsageException("invalid restart policy format: maximum retry count must be an integer");
        return new RestartPolicy { Name = name, MaximumRetryCount = max };
    }

    private static string Capability(string cap)
    {
        var upper = cap.ToUpperInvariant();
        return upper == "ALL" || upper.StartsWith("CAP_", StringComparison.Ordinal) ? upper : "CAP_" + upper;
    }

    private static string AddHost(string value)
    {
        var sep = value.IndexOfAny([':', '=']);
        if (sep <= 0 || sep == value.Length - 1) throw Invalid(value, "add-host", $"bad format for add-host: \"{value}\"");
        return value[..sep] + ":" + value[(sep + 1)..];
    }

    private string SecurityOpt(string value)
    {
        if (value == "no-new-privileges") return value;
        var sep = value.IndexOfAny(['=', ':']);
        if (sep <= 0) throw new UsageException($"Invalid --security-opt: \"{value}\"");
        var key = value[..sep];
        var v = value[(sep + 1)..];
        // Docker sends a seccomp profile file's contents, not its path: the daemon may not see the client's files.
        if (key == "seccomp" && v != "unconfined" && v != "builtin")
        {
            try { return "seccomp=" + string.Join('\n', readFile(v)); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"opening seccomp profile ({v}) failed: open {v}: no such file or directory");
            }
        }
        return key + "=" + v;
    }

    private static Dictionary<string, string> Tmpfs(IReadOnlyList<string> values)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var v in values)
        {
            var colon = v.IndexOf(':');
            map[colon < 0 ? v : v[..colon]] = colon < 0 ? "" : v[(colon + 1)..];
        }
        return map;
    }

    private static DeviceMapping Device(string value)
    {
        var parts = value.Split(':');
        if (parts.Length > 3 || parts.Any(p => p.Length == 0)) throw new UsageException($"invalid device specification: {value}");
        var mapping = new DeviceMapping { PathOnHost = parts[0], PathInContainer = parts[0], CgroupPermissions = "rwm" };
        if (parts.Length >= 2)
        {
            if (parts.Length == 2 && parts[1].All(c => c is 'r' or 'w' or 'm')) mapping.CgroupPermissions = parts[1];
            else mapping.PathInContainer = parts[1];
        }
        if (parts.Length == 3) mapping.CgroupPermissions = parts[2];
        if (!mapping.PathInContainer!.StartsWith('/')) throw new UsageException($"invalid device specification: {value}");
        return mapping;
    }

    private static Ulimit Ulimit(string value)
    {
        var eq = value.IndexOf('=');
        if (eq <= 0) throw Invalid(value, "ulimit", $"invalid ulimit argument: {value}");
        var limits = value[(eq + 1)..].Split(':');
        if (limits.Length > 2) throw Invalid(value, "ulimit", $"too many limit value arguments - {value[(eq + 1)..]}, can only have up to two, `soft[:hard]`");
        long Parse(string s) => long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n
            : throw Invalid(value, "ulimit", $"strconv.ParseInt: parsing \"{s}\": invalid syntax");
        var soft = Parse(limits[0]);
        var hard = limits.Length == 2 ? Parse(limits[1]) : soft;
        if (soft > hard) throw Invalid(value, "ulimit", $"ulimit soft limit must be less than or equal to hard limit: {soft} > {hard}");
        return new Ulimit { Name = value[..eq], Soft = soft, Hard = hard };
    }

    private static HealthConfig? Health(ParsedFlags f)
    {
        var any = new[] { "health-cmd", "health-interval", "health-timeout", "health-start-period", "health-start-interval", "health-retries" }.Any(f.IsSet);
        if (f.Flag("no-healthcheck"))
        {
            if (any) throw new UsageException("--no-healthcheck conflicts with --health-* options");
            return new HealthConfig { Test = ["NONE"] };
        }
        if (!any) return null;
        var retries = f.Last("health-retries") is { } r ? (int)Number(r, "health-retries") : 0;
        if (retries < 0) throw new UsageException("--health-retries cannot be negative");
        return new HealthConfig
        {
            Test = f.Last("health-cmd") is { Length: > 0 } cmd ? ["CMD-SHELL", cmd] : null,
            Interval = Duration(f, "health-interval"),
            Timeout = Duration(f, "health-timeout"),
            StartPeriod = Duration(f, "health-start-period"),
            StartInterval = Duration(f, "health-start-interval"),
            Retries = retries == 0 ? null : retries,
        };
    }

    // -v: "/host:/ctr[:opts]" and "name:/ctr" are binds; a lone "/ctr" is an anonymous volume.
    private static void Volumes(IReadOnlyList<string> values, HostConfig host, ContainerConfig config)
    {
        foreach (var v in values)
        {
            var parts = v.Split(':');
            if (parts.Any(p => p.Length == 0)) throw new UsageException($"invalid spec: {v}: empty section between colons");
            if (parts.Length > 3) throw new UsageException($"invalid spec: {v}: too many colons");
            if (parts.Length == 1)
            {
                if (!v.StartsWith('/')) throw new UsageException($"invalid spec: {v}: invalid volume specification: '{v}'");
                config.Volumes![v] = new EmptyObject();
                continue;
            }
            if (!parts[1].StartsWith('/'))
                throw new UsageException($"invalid volume specification: '{v}': invalid mount config for type \"bind\": invalid mount path: '{parts[1]}' mount path must be absolute");
            (host.Binds ??= []).Add(v);
        }
    }

    private static void Ports(ParsedFlags f, ContainerConfig config, HostConfig host)
    {
        var exposed = new Dictionary<string, EmptyObject>(StringComparer.Ordinal);
        foreach (var e in f.All("expose"))
        {
            var (port, proto) = SplitProto(e);
            if (!ushort.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                throw new UsageException($"invalid range format for --expose: {e}, error: strconv.ParseUint: parsing \"{port}\": value out of range");
            exposed[$"{port}/{proto}"] = new EmptyObject();
        }
        foreach (var p in f.All("publish"))
        {
            var (spec, proto) = SplitProto(p);
            var parts = spec.Split(':');
            var hostIp = parts.Length >= 3 ? string.Join(':', parts[..^2]).Trim('[', ']') : "";
            var (cStart, cEnd) = PortRange(parts[^1], "containerPort");
            var (hStart, hEnd) = parts.Length >= 2 && parts[^2].Length > 0 ? PortRange(parts[^2], "hostPort") : (0, 0);
            var containerCount = cEnd - cStart + 1;
            // As the docker CLI: ranges of equal length pair up port by port; one container port may take any
            // free port of a host range; anything else is refused.
            if (hStart > 0 && containerCount > 1 && hEnd - hStart + 1 != containerCount)
                throw new UsageException($"invalid ranges specified for container and host Ports: {parts[^1]} and {parts[^2]}");
            for (var i = 0; i < containerCount; i++)
            {
                var key = $"{cStart + i}/{proto}";
                exposed[key] = new EmptyObject();
                var hostPort = hStart == 0 ? "" : containerCount > 1 ? (hStart + i).ToString(CultureInfo.InvariantCulture)
                    : hStart == hEnd ? hStart.ToString(CultureInfo.InvariantCulture) : $"{hStart}-{hEnd}";
                if (!host.PortBindings!.TryGetValue(key, out var list) || list is null) host.PortBindings[key] = list = [];
                list.Add(new PortBinding { HostIp = hostIp, HostPort = hostPort });
            }
        }
        if (exposed.Count > 0) config.ExposedPorts = exposed;
    }

    // "80" or "8000-8010".
    private static (int Start, int End) PortRange(string text, string what)
    {
        var dash = text.IndexOf('-');
        var (a, b) = dash < 0 ? (text, text) : (text[..dash], text[(dash + 1)..]);
        if (!ushort.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var start) || start == 0
            || !ushort.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out var end) || end < start)
            throw new UsageException($"invalid {what}: {text}");
        return (start, end);
    }

    private static (string Port, string Proto) SplitProto(string value)
    {
        var slash = value.LastIndexOf('/');
        return slash < 0 ? (value, "tcp") : (value[..slash], value[(slash + 1)..].ToLowerInvariant());
    }
}
