using Berth.Engine.Volumes;
using Berth.Linux;
using Berth.Linux.Mounts;

namespace Berth.Engine.Containers;

// The container side of volumes: planned and created at create, mounted (and filled from the image) at start,
// released when the container stops, the anonymous ones removed with `rm -v` and --rm.
public sealed partial class ContainerService
{
    public VolumeService Volumes { get; }

    private IReadOnlyList<string> ContainersUsingVolume(string name) => UsersOfVolume(name, runningOnly: false);

    private IReadOnlyList<string> RunningContainersUsingVolume(string name) => UsersOfVolume(name, runningOnly: true);

    private List<string> UsersOfVolume(string name, bool runningOnly) => _byId.Values
        .Where(c => (!runningOnly || c.Record.IsRunning) && c.Record.Volumes?.Any(v => v.Name == name) == true)
        .Select(c => c.Id).ToList();

    private Dictionary<string, string> VolumeSourcesOf(IEnumerable<ContainerVolume>? volumes)
    {
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var v in volumes ?? []) sources[v.Key] = Volumes.DataOf(v.Name);
        return sources;
    }

    // Named volumes that do not exist yet and the anonymous ones are created now, as dockerd does at create.
    private void CreateVolumes(IEnumerable<ContainerVolume> volumes)
    {
        try
        {
            foreach (var v in volumes)
            {
                if (v.Anonymous)
                    Volumes.CreateRecord(v.Name, v.Driver, v.DriverOptions, Merge(v.Labels, VolumeService.AnonymousLabel));
                else if (!Volumes.Exists(v.Name))
                    Volumes.CreateRecord(v.Name, v.Driver, v.DriverOptions, v.Labels);
            }
        }
        catch (VolumeException e)
        {
            throw new ContainerException(e.Status, e.Message);
        }
    }

    private static Dictionary<string, string> Merge(Dictionary<string, string>? labels, string key)
    {
        var merged = labels is null ? new Dictionary<string, string>() : new Dictionary<string, string>(labels);
        merged[key] = "";
        return merged;
    }

    // At start, with the rootfs mounted: each volume's filesystem is made ready and a new, empty volume gets the
    // image's content at its mount point. Returns the host directories for the spec.
    private Dictionary<string, string> MountVolumes(Container c, string rootfs)
    {
        var volumes = c.Record.Volumes ?? [];
        try
        {
            foreach (var v in volumes)
            {
                var data = Volumes.Mount(v.Name);
                if (v.CopyData)
                    VolumeCopier.CopyIfEmpty(SecurePath.Join(rootfs, v.Destination), data);
            }
        }
        catch (VolumeException e)
        {
            throw new ContainerException(e.Status, e.Message);
        }
        catch (Exception e) when (e is LinuxException or UnauthorizedAccessException)
        {
            throw new ContainerException(500, $"copying the image's content into a volume: {e.Message}");
        }
        foreach (var v in volumes)
            Volumes.PublishMount(v.Name, c.Id, v.Destination, v.ReadWrite, "");
        return VolumeSourcesOf(volumes);
    }

    // After the container stopped (or failed to start): volumes with a filesystem of their own are unmounted when no
    // running container uses them any more.
    private void ReleaseVolumes(Container c)
    {
        foreach (var v in c.Record.Volumes ?? [])
        {
            Volumes.PublishUnmount(v.Name, c.Id);
            try { Volumes.Release(v.Name); }
            catch (Exception e) when (e is VolumeException or LinuxException or IOException) { _log($"container {c.Id}: release volume {v.Name}: {e.Message}"); }
        }
    }

    // `rm -v` and --rm: the container's anonymous volumes go with it unless another container uses them; named ones stay.
    private void RemoveAnonymousVolumes(Container c)
    {
        foreach (var v in c.Record.Volumes ?? [])
        {
            if (!v.Anonymous) continue;
            try { Volumes.Remove(v.Name, force: true); }
            catch (VolumeException e) when (e.Status == 409) { }
            catch (VolumeException e) { _log($"container {c.Id}: remove volume {v.Name}: {e.Message}"); }
        }
    }
}
