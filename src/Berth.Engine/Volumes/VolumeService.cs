using System.Globalization;
using Berth.Api.Models.Containers;
using Berth.Engine.Containers;
using Berth.Engine.Events;
using Berth.Linux;
using Berth.Linux.Mounts;

namespace Berth.Engine.Volumes;

// The daemon's volumes (local driver only): create, inspect, list, remove, prune, and the mounting of volumes with
// driver options while containers use them. Which containers refer to a volume is asked of the container service
// (UsersOf), so the container records stay the one source of truth across daemon restarts.
public sealed class VolumeService
{
    public const string EventType = "volume";
    public const string AnonymousLabel = "com.docker.volume.anonymous";
    public const string LocalDriver = "local";

    private readonly VolumeStore _store;
    private readonly EventBus _events;
    private readonly Dictionary<string, VolumeRecord> _volumes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _claims = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    public VolumeService(string dataRoot, EventBus events, Action<string> log)
    {
        _store = new VolumeStore(dataRoot);
        _events = events;
        Directory.CreateDirectory(_store.Root);
        var (records, problems) = _store.LoadAll();
        foreach (var problem in problems) log($"skipping {problem}");
        foreach (var r in records) _volumes[r.Name] = r;
    }

    // The IDs of the containers (any state) that refer to a volume, and of those running with it.
    public Func<string, IReadOnlyList<string>> UsersOf { get; set; } = _ => [];
    public Func<string, IReadOnlyList<string>> RunningUsersOf { get; set; } = _ => [];

    public string DataOf(string name) => _store.DataOf(name);

    // Keeps the named volumes from removal while a container that will refer to them is created; disposing ends it.
    public IDisposable Claim(IReadOnlyList<string> names)
    {
        lock (_gate)
            foreach (var name in names) _claims[name] = _claims.GetValueOrDefault(name) + 1;
        return new VolumeClaim(this, names);
    }

    private void Unclaim(IReadOnlyList<string> names)
    {
        lock (_gate)
            foreach (var name in names)
            {
                if (!_claims.TryGetValue(name, out var n)) continue;
                if (n <= 1) _claims.Remove(name);
                else _claims[name] = n - 1;
            }
    }

    private sealed class VolumeClaim(VolumeService service, IReadOnlyList<string> names) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) service.Unclaim(names);
        }
    }

    public Volume Create(string? name, string? driver, IReadOnlyDictionary<string, string>? options, IReadOnlyDictionary<string, string>? labels)
    {
        var record = CreateRecord(name, driver, options, labels);
        return ToApi(record);
    }

    public VolumeRecord CreateRecord(string? name, string? driver, IReadOnlyDictionary<string, string>? options, IReadOnlyDictionary<string, string>? labels)
    {
        var labelMap = labels is null ? null : new Dictionary<string, string>(labels);
        if (string.IsNullOrEmpty(name))
        {
            name = VolumeNames.NewAnonymous();
            labelMap ??= [];
            labelMap[AnonymousLabel] = "";
        }
        if (!string.IsNullOrEmpty(driver) && driver != LocalDriver)
            throw VolumeException.Op(404, "create", name, $"error looking up volume plugin {driver}: plugin \"{driver}\" not found");
        if (VolumeNames.Problem(name) is { } problem)
            throw VolumeException.Op(400, "create", name, problem);
        VolumeRecord record;
        lock (_gate)
        {
            if (!_volumes.TryGetValue(name, out record!))
            {
                try { LocalVolumeOptions.Parse(options); }
                catch (ArgumentException e) { throw VolumeException.Op(400, "create", name, e.Message); }
                record = new VolumeRecord
                {
                    Name = name,
                    Driver = LocalDriver,
                    Labels = labelMap,
                    Options = options is { Count: > 0 } ? new Dictionary<string, string>(options) : null,
                    CreatedAt = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                };
                try { _store.Save(record); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    TryDelete(name);
                    throw VolumeException.Op(500, "create", name, e.Message);
                }
                _volumes[name] = record;
            }
        }
        // dockerd announces every create, also one that found the volume already there.
        Publish(record, "create");
        return record;
    }

    public bool Exists(string name)
    {
        lock (_gate) return _volumes.ContainsKey(name);
    }

    public VolumeRecord Get(string name)
    {
        lock (_gate)
            return _volumes.TryGetValue(name, out var r) ? r : throw VolumeException.NotFound(name);
    }

    public Volume Inspect(string name) => ToApi(Get(name));

    public List<VolumeRecord> Records()
    {
        lock (_gate) return [.. _volumes.Values];
    }

    public List<Volume> List(VolumeFilter filter) =>
        Records().Where(r => filter.Matches(r, UsersOf(r.Name).Count > 0)).Select(ToApi).ToList();

    public void Remove(string name, bool force)
    {
        VolumeRecord? record;
        lock (_gate) _volumes.TryGetValue(name, out record);
        if (record is null)
        {
            // As dockerd: force makes a missing volume no error.
            if (force) return;
            throw VolumeException.NotFound(name);
        }
        var users = UsersOf(name);
        if (users.Count > 0)
            throw VolumeException.Op(409, "remove", name, $"volume is in use - [{string.Join(", ", users)}]");
        lock (_gate)
        {
            if (!_volumes.ContainsKey(name)) return;
            // A container being created holds a claim until its record lists the volume; checked under the gate
            // with the users again, so a prune cannot take a volume from under a container that is just being made.
            if (_claims.ContainsKey(name) || UsersOf(name).Count > 0)
                throw VolumeException.Op(409, "remove", name, "volume is in use");
            try
            {
                UnmountLocked(name);
                _store.Delete(name);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or LinuxException)
            {
                throw VolumeException.Op(500, "remove", name, e.Message);
            }
            _volumes.Remove(name);
        }
        Publish(record, "destroy");
    }

    // Without `all`, only anonymous volumes go (API 1.42 and later); volumes any container refers to stay.
    public VolumePruneResponse Prune(VolumeFilter filter)
    {
        var deleted = new List<string>();
        ulong reclaimed = 0;
        foreach (var r in Records().Where(r => (filter.All || r.IsAnonymous) && filter.Matches(r, inUse: false)).OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            if (UsersOf(r.Name).Count > 0) continue;
            var size = SizeOf(r.Name);
            try
            {
                Remove(r.Name, force: false);
                deleted.Add(r.Name);
                reclaimed += (ulong)size;
            }
            catch (VolumeException) { }
        }
        _events.Publish(EventType, "prune", "", new Dictionary<string, string> { ["reclaimed"] = reclaimed.ToString(CultureInfo.InvariantCulture) });
        return new VolumePruneResponse { VolumesDeleted = deleted, SpaceReclaimed = reclaimed };
    }

    // The host directory a container mounts; a volume with driver options gets its filesystem mounted first.
    public string Mount(string name)
    {
        var record = Get(name);
        var data = _store.DataOf(name);
        if (LocalVolumeOptionsOf(record) is not { } options) return data;
        lock (_gate)
        {
            if (!RootfsMount.IsMountPoint(data))
            {
                try { options.MountOn(data); }
                catch (Exception e) when (e is LinuxException or IOException)
                {
                    throw new VolumeException(500, $"error while mounting volume '{data}': failed to mount local volume: {e.Message}");
                }
            }
        }
        return data;
    }

    // After a container using the volume stopped: its filesystem is unmounted when no running container uses it.
    public void Release(string name)
    {
        VolumeRecord? record;
        lock (_gate) _volumes.TryGetValue(name, out record);
        if (record is null || LocalVolumeOptionsOf(record) is null || RunningUsersOf(name).Count > 0) return;
        lock (_gate) UnmountLocked(name);
    }

    private void UnmountLocked(string name)
    {
        var data = _store.DataOf(name);
        if (Directory.Exists(data) && RootfsMount.IsMountPoint(data)) Mounter.Unmount(data, detach: false);
    }

    private static LocalVolumeOptions? LocalVolumeOptionsOf(VolumeRecord r)
    {
        try { return LocalVolumeOptions.Parse(r.Options); }
        catch (ArgumentException e) { throw VolumeException.Op(500, "mount", r.Name, e.Message); }
    }

    public long SizeOf(string name)
    {
        try
        {
            return new DirectoryInfo(_store.DataOf(name))
                .EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true })
                .Where(f => f.LinkTarget is null)
                .Sum(f => f.Length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return 0; }
    }

    public Volume ToApi(VolumeRecord r) => new()
    {
        Name = r.Name,
        Driver = r.Driver,
        Mountpoint = _store.DataOf(r.Name),
        CreatedAt = r.CreatedAt,
        Labels = r.Labels,
        Scope = "local",
        Options = r.Options,
    };

    public void PublishMount(string name, string containerId, string destination, bool readWrite, string propagation) =>
        _events.Publish(EventType, "mount", name, new Dictionary<string, string>
        {
            ["container"] = containerId,
            ["destination"] = destination,
            ["driver"] = LocalDriver,
            ["propagation"] = propagation,
            ["read/write"] = readWrite ? "true" : "false",
        });

    public void PublishUnmount(string name, string containerId) =>
        _events.Publish(EventType, "unmount", name, new Dictionary<string, string> { ["container"] = containerId, ["driver"] = LocalDriver });

    private void Publish(VolumeRecord r, string action) =>
        _events.Publish(EventType, action, r.Name, new Dictionary<string, string> { ["driver"] = r.Driver });

    private void TryDelete(string name)
    {
        try { _store.Delete(name); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
