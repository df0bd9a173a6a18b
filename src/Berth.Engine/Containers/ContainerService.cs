using System.Collections.Concurrent;
using Berth.Api.Models.Containers;
using Berth.Engine.Config;
using Berth.Engine.Containers.Spec;
using Berth.Engine.Events;
using Berth.Images;
using Berth.Linux.FileSystem;
using Berth.Oci;
using Berth.Runtime.Logs;

namespace Berth.Engine.Containers;

// The containers of one daemon: create, lookup and the registry of names. Each container's state changes under
// its own lock (Container.Lock); the only shared lock is the short one over the name table, never held across I/O
// beyond a dictionary update, so starts of different containers never wait on each other.
public sealed partial class ContainerService : IImageUsage
{
    public const string EventType = "container";

    private readonly DaemonOptions _options;
    private readonly ImageStore _images;
    private readonly EventBus _events;
    private readonly Action<string> _log;
    private readonly ContainerStore _store;
    private readonly DeferredDiskWork _deferred;
    private readonly ConcurrentDictionary<string, Container> _byId = new();
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private readonly object _namesGate = new();

    public ContainerService(DaemonOptions options, ImageStore images, EventBus events, Action<string> log)
    {
        _options = options;
        _images = images;
        _events = events;
        _log = log;
        _deferred = new DeferredDiskWork(log);
        _store = new ContainerStore(options.DataRoot, _deferred);
        Directory.CreateDirectory(_store.Root);
        Directory.CreateDirectory(ShimSocketDir);
        Directory.CreateDirectory(RuntimeRoot);
        // Each container's directory, its runtime state's and its shim's in a block group of its own (TopDirectory).
        TopDirectory.Mark(_store.Root);
        TopDirectory.Mark(RuntimeRoot);
        TopDirectory.Mark(ShimSocketDir);
        Volumes = new Berth.Engine.Volumes.VolumeService(options.DataRoot, events, log) { UsersOf = ContainersUsingVolume, RunningUsersOf = RunningContainersUsingVolume };
        Networks = new Berth.Engine.Networks.NetworkService(options, events, log) { ConnectContainer = ConnectAsync, DisconnectContainer = DisconnectAsync };
    }

    public Berth.Engine.Networks.NetworkService Networks { get; }

    private string ShimSocketDir => System.IO.Path.Combine(_options.ExecRoot, "shims");
    private string RuntimeRoot => System.IO.Path.Combine(_options.ExecRoot, "runtime");
    // Unix socket paths are short (108 bytes): 24 hex digits of the ID are as unique as the whole in practice.
    private string ShimSocketOf(string id) => System.IO.Path.Combine(ShimSocketDir, id[..24] + ".sock");
    private static string ExitFileOf(Container c) => System.IO.Path.Combine(c.Dir, "exit.json");
    public static string LogPathOf(Container c) => System.IO.Path.Combine(c.Dir, c.Id + "-json.log");

    // Synchronous work, done on the request's thread rather than after a hop to the pool, which `run` would wait for.
    public Task<ContainerCreateResponse> CreateAsync(ContainerCreateRequest request, string? name, CancellationToken ct)
    {
        try
        {
            return Task.FromResult(Create(request, name));
        }
        catch (Exception e)
        {
            return Task.FromException<ContainerCreateResponse>(e);
        }
    }

    private ContainerCreateResponse Create(ContainerCreateRequest request, string? name)
    {
        if (string.IsNullOrEmpty(request.Image))
            throw new ContainerException(400, "Config cannot be empty in order to create a container");
        var wanted = string.IsNullOrEmpty(name) ? null : ContainerNames.Validate(name);
        Digest imageId;
        Berth.Oci.Image.ImageConfig imageConfig;
        try
        {
            imageId = _images.Resolve(request.Image);
            imageConfig = _images.GetConfig(imageId.ToString());
        }
        catch (ImageNotFoundException)
        {
            throw new ContainerException(404, $"No such image: {request.Image}");
        }
        var hc = request.HostConfig ?? new HostConfig();
        var id = ContainerIds.New();
        var config = ConfigMerger.Merge(request, imageConfig.Config, id);
        var record = new ContainerRecord
        {
            Id = id,
            Created = GoTimestamp.Format(DateTime.UtcNow),
            Image = request.Image,
            ImageId = imageId.ToString(),
            Config = config,
            HostConfig = hc,
        };
        var dir = _store.DirectoryOf(id);
        try
        {
            // Everything a start would refuse is refused now, before anything exists on disk.
            var args = ProcessArgs.Resolve(config, null);
            record.Path = args[0];
            record.Args = args[1..];
            record.Volumes = Berth.Engine.Volumes.ContainerVolumePlan.Build(hc, config.Volumes?.Keys);
            record.Networks = PlanNetworks(request, hc, config);
            ContainerSpecComposer.Compose(config, hc, null, PathsOf(id, dir) with { VolumeSources = VolumeSourcesOf(record.Volumes) }, userRootfs: null);
            LogSettings.Resolve(hc.LogConfig, _options);
            StopSignals.Resolve(config.StopSignal, null);
            if (hc.AutoRemove && hc.RestartPolicy?.Name is { Length: > 0 } policy && policy != "no")
                throw new ContainerException(400, "can't create 'AutoRemove' container with restart policy");
        }
        catch (ContainerSpecException e)
        {
            throw new ContainerException(400, e.Message);
        }

        record.Name = ReserveName(wanted, id);
        using var claim = Volumes.Claim([.. record.Volumes.Select(v => v.Name)]);
        try
        {
            Directory.CreateDirectory(dir);
            RootfsMount.Prepare(dir);
            CreateVolumes(record.Volumes);
            ContainerFiles.Write(dir, config.Hostname ?? id[..12], hc, NetworkModes.Parse(hc.NetworkMode) == NetworkModes.Host);
            _store.Save(record);
        }
        catch
        {
            ReleaseName(record.Name, id);
            try { _store.Delete(id); } catch (IOException) { }
            throw;
        }
        var container = new Container(record, dir);
        _byId[id] = container;
        Publish(container, "create");
        return new ContainerCreateResponse { Id = id, Warnings = [] };
    }

    public SpecPaths PathsOf(string id, string dir) => new(
        id,
        RootfsMount.RootfsOf(dir),
        ContainerFiles.HostnamePath(dir),
        ContainerFiles.HostsPath(dir),
        ContainerFiles.ResolvConfPath(dir),
        Init: new ContainerInit(_options.InitPath, _options.Init));

    // A full ID, a name (with or without '/'), or a unique prefix of an ID, as dockerd resolves them.
    public Container Find(string reference)
    {
        if (string.IsNullOrEmpty(reference)) throw ContainerException.NotFound(reference);
        if (_byId.TryGetValue(reference, out var exact)) return exact;
        lock (_namesGate)
        {
            if (_names.TryGetValue(reference.TrimStart('/'), out var byName) && _byId.TryGetValue(byName, out var named))
                return named;
        }
        var matches = _byId.Values.Where(c => c.Id.StartsWith(reference, StringComparison.Ordinal)).Take(2).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw ContainerException.NotFound(reference),
            _ => throw new ContainerException(400, $"multiple IDs found with provided prefix: {reference}"),
        };
    }

    public IEnumerable<Container> All => _byId.Values;

    private string ReserveName(string? wanted, string id)
    {
        lock (_namesGate)
        {
            if (wanted is not null)
            {
                if (_names.TryGetValue(wanted, out var holder))
                    throw ContainerException.Conflict($"Conflict. The container name \"/{wanted}\" is already in use by container \"{holder}\". You have to remove (or rename) that container to be able to reuse that name.");
                _names[wanted] = id;
                return wanted;
            }
            for (var attempt = 0; ; attempt++)
            {
                var generated = NameGenerator.Next(attempt);
                if (_names.TryAdd(generated, id)) return generated;
            }
        }
    }

    private void ReleaseName(string name, string id)
    {
        lock (_namesGate)
        {
            if (_names.TryGetValue(name, out var holder) && holder == id) _names.Remove(name);
        }
    }

    public IReadOnlyList<string> ContainersUsing(Digest imageId)
    {
        var id = imageId.ToString();
        return _byId.Values.Where(c => c.Record.ImageId == id).Select(c => c.Id).ToList();
    }

    public ContainerCounts Counts()
    {
        int running = 0, paused = 0, stopped = 0;
        foreach (var c in _byId.Values)
        {
            switch (c.Record.Status)
            {
                case "running" or "restarting": running++; break;
                case "paused": paused++; break;
                default: stopped++; break;
            }
        }
        return new ContainerCounts(running + paused + stopped, running, paused, stopped);
    }

    private void Publish(Container c, string action, IReadOnlyDictionary<string, string>? extra = null)
    {
        var attributes = new Dictionary<string, string>();
        foreach (var (k, v) in c.Record.Config.Labels ?? []) attributes[k] = v;
        attributes["image"] = c.Record.Image;
        attributes["name"] = c.Record.Name;
        foreach (var (k, v) in extra ?? new Dictionary<string, string>()) attributes[k] = v;
        _events.Publish(EventType, action, c.Id, attributes);
    }
}
