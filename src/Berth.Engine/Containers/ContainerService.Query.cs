using Berth.Api.Models.Containers;
using Berth.Runtime.Logs;
using ApiContainerState = Berth.Api.Models.Containers.ContainerState;

namespace Berth.Engine.Containers;

// inspect, ps, logs and prune.
public sealed partial class ContainerService
{
    public ContainerInspect Inspect(string reference)
    {
        var c = Find(reference);
        var r = c.Record;
        return new ContainerInspect
        {
            Id = r.Id,
            Created = r.Created,
            Path = r.Path,
            Args = r.Args,
            State = new ApiContainerState
            {
                Status = r.Status,
                Running = r.Status is "running" or "paused" or "restarting",
                Paused = r.Status == "paused",
                Restarting = r.Status == "restarting",
                OOMKilled = r.OOMKilled,
                Dead = r.Status == "dead",
                Pid = r.IsRunning ? r.Pid : 0,
                ExitCode = r.ExitCode,
                Error = r.Error,
                StartedAt = r.StartedAt,
                FinishedAt = r.FinishedAt,
                Health = r.Health,
            },
            Image = r.ImageId,
            ResolvConfPath = ContainerFiles.ResolvConfPath(c.Dir),
            HostnamePath = ContainerFiles.HostnamePath(c.Dir),
            HostsPath = ContainerFiles.HostsPath(c.Dir),
            LogPath = LogPathOf(c),
            Name = "/" + r.Name,
            RestartCount = r.RestartCount,
            Driver = "overlay2",
            Platform = "linux",
            MountLabel = "",
            ProcessLabel = "",
            AppArmorProfile = "",
            ExecIDs = ExecIdsOf(c.Id) is { Count: > 0 } execs ? execs : null,
            HostConfig = r.HostConfig,
            GraphDriver = new GraphDriver
            {
                Name = "overlay2",
                Data = new Dictionary<string, string>
                {
                    ["LowerDir"] = string.Join(':', SafeLowerDirs(r.ImageId)),
                    ["MergedDir"] = RootfsMount.RootfsOf(c.Dir),
                    ["UpperDir"] = Path.Combine(c.Dir, "upper"),
                    ["WorkDir"] = Path.Combine(c.Dir, "work"),
                },
            },
            Mounts = MountPoints(r),
            Config = r.Config,
            NetworkSettings = NetworkSettingsOf(r),
        };
    }

    private IReadOnlyList<string> SafeLowerDirs(string imageId)
    {
        try { return _images.LowerDirectories(imageId); }
        catch (Berth.Images.ImageNotFoundException) { return []; }
    }

    private List<MountPoint> MountPoints(ContainerRecord r)
    {
        var list = new List<MountPoint>();
        foreach (var bind in r.HostConfig.Binds ?? [])
        {
            try
            {
                var b = Spec.BindSpec.Parse(bind);
                if (b.IsVolume) continue;
                list.Add(new MountPoint { Type = "bind", Source = b.Source, Destination = b.Destination, Mode = b.ReadOnly ? "ro" : "", RW = !b.ReadOnly, Propagation = b.Propagation ?? "rprivate" });
            }
            catch (Spec.ContainerSpecException) { }
        }
        foreach (var m in r.HostConfig.Mounts ?? [])
        {
            if (m.Type is "bind" or "tmpfs")
                list.Add(new MountPoint { Type = m.Type, Source = m.Source ?? "", Destination = m.Target, Mode = "", RW = !m.ReadOnly, Propagation = m.Type == "bind" ? m.BindOptions?.Propagation ?? "rprivate" : "" });
        }
        foreach (var v in r.Volumes ?? [])
            list.Add(new MountPoint { Type = "volume", Name = v.Name, Source = Volumes.DataOf(v.Name), Destination = v.Destination, Driver = "local", Mode = v.Mode, RW = v.ReadWrite, Propagation = "" });
        return list;
    }

    public List<ContainerSummary> List(bool all, int limit, bool size, ContainerListFilter filter)
    {
        var rows = _byId.Values
            .Where(c => all || c.Record.IsRunning || filter.ForcesAll)
            .Where(filter.Matches)
            .OrderByDescending(c => c.Record.Created, StringComparer.Ordinal)
            .ToList();
        rows = filter.ApplyBeforeSince(rows, this);
        if (limit > 0) rows = rows.Take(limit).ToList();
        return rows.Select(c => Summary(c, size)).ToList();
    }

    private ContainerSummary Summary(Container c, bool size)
    {
        var r = c.Record;
        // dockerd wraps an argument holding a space in single quotes, and leaves the path as it is.
        var command = string.Join(' ', new[] { r.Path }.Concat(r.Args.Select(a => a.Contains(' ') ? $"'{a}'" : a)));
        return new ContainerSummary
        {
            Id = r.Id,
            Names = ["/" + r.Name],
            Image = r.Image,
            ImageID = r.ImageId,
            Command = command,
            Created = DateTimeOffset.Parse(r.Created, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds(),
            Ports = SummaryPortsOf(r),
            SizeRw = size ? DirectorySize(Path.Combine(c.Dir, "upper")) : null,
            Labels = r.Config.Labels ?? [],
            State = r.Status,
            Status = StatusText(r),
            HostConfig = new SummaryHostConfig { NetworkMode = r.HostConfig.NetworkMode ?? "default" },
            NetworkSettings = new SummaryNetworkSettings { Networks = EndpointsOf(r) },
            Mounts = MountPoints(r),
        };
    }

    // "Up 5 minutes", "Exited (3) 2 seconds ago", "Created", as docker ps shows them.
    public static string StatusText(ContainerRecord r)
    {
        DateTimeOffset Parse(string t) => DateTimeOffset.Parse(t, System.Globalization.CultureInfo.InvariantCulture);
        return r.Status switch
        {
            "running" when r.Health is { } health => $"Up {HumanDuration.Of(DateTimeOffset.UtcNow - Parse(r.StartedAt))} ({Health.HealthTracker.PsText(health.Status)})",
            "running" => "Up " + HumanDuration.Of(DateTimeOffset.UtcNow - Parse(r.StartedAt)),
            "restarting" => $"Restarting ({r.ExitCode}) {HumanDuration.Of(DateTimeOffset.UtcNow - Parse(r.FinishedAt))} ago",
            "paused" => "Up " + HumanDuration.Of(DateTimeOffset.UtcNow - Parse(r.StartedAt)) + " (Paused)",
            "exited" => $"Exited ({r.ExitCode}) {HumanDuration.Of(DateTimeOffset.UtcNow - Parse(r.FinishedAt))} ago",
            "created" => "Created",
            "removing" => "Removal In Progress",
            "dead" => "Dead",
            _ => r.Status,
        };
    }

    private static long DirectorySize(string dir)
    {
        try { return new DirectoryInfo(dir).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }).Sum(f => f.Length); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return 0; }
    }

    public (string? Driver, string Path, Task Stopped, bool Tty) LogSource(string reference)
    {
        var c = Find(reference);
        var log = LogSettings.Resolve(c.Record.HostConfig.LogConfig, _options);
        if (log.Driver != "json-file")
            throw new ContainerException(501, $"configured logging driver does not support reading");
        return (log.Driver, LogPathOf(c), c.Stopped, c.Record.Config.Tty);
    }

    public async Task<ContainerPruneResponse> PruneAsync(ContainerListFilter filter, CancellationToken ct)
    {
        var deleted = new List<string>();
        ulong reclaimed = 0;
        foreach (var c in _byId.Values.Where(c => !c.Record.IsRunning && c.Record.Status != "removing" && filter.Matches(c)).ToList())
        {
            var size = (ulong)DirectorySize(Path.Combine(c.Dir, "upper"));
            try
            {
                await RemoveAsync(c.Id, force: false, ct);
                deleted.Add(c.Id);
                reclaimed += size;
            }
            catch (ContainerException) { }
        }
        _events.Publish(EventType, "prune", "", new Dictionary<string, string> { ["reclaimed"] = reclaimed.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return new ContainerPruneResponse { ContainersDeleted = deleted.Count > 0 ? deleted : null, SpaceReclaimed = reclaimed };
    }
}

// Go's units.HumanDuration, which docker ps uses.
public static class HumanDuration
{
    public static string Of(TimeSpan d)
    {
        var seconds = (long)d.TotalSeconds;
        if (seconds < 1) return "Less than a second";
        if (seconds == 1) return "1 second";
        if (seconds < 60) return $"{seconds} seconds";
        var minutes = (long)d.TotalMinutes;
        if (minutes == 1) return "About a minute";
        if (minutes < 60) return $"{minutes} minutes";
        var hours = (long)Math.Round(d.TotalHours);
        if (hours == 1) return "About an hour";
        if (hours < 48) return $"{hours} hours";
        if (hours < 24 * 7 * 2) return $"{hours / 24} days";
        if (hours < 24 * 30 * 2) return $"{hours / 24 / 7} weeks";
        if (hours < 24 * 365 * 2) return $"{hours / 24 / 30} months";
        return $"{hours / 24 / 365} years";
    }
}
