using System.Text.Json;
using Berth.Api.Models.Containers;
using Berth.Engine.Containers.Spec;
using Berth.Linux;
using Berth.Linux.Cgroups;
using Berth.Linux.Native;

namespace Berth.Engine.Containers;

// POST /containers/{id}/update: new resource limits and restart policy, kept in the record and, for a running
// container, written to its cgroup at once. A failure leaves the record as it was.
public sealed partial class ContainerService
{
    public async Task<ContainerUpdateResponse> UpdateAsync(string reference, ContainerUpdate update, CancellationToken ct)
    {
        try { ContainerUpdates.Validate(update, SpecHost.Current); }
        catch (ContainerSpecException e) { throw new ContainerException(400, e.Message); }
        var c = Find(reference);
        await c.Lock.WaitAsync(ct);
        try
        {
            var record = c.Record;
            if (record.Status is "removing" or "dead")
                throw Cannot(c, "container is marked for removal and cannot be \"update\"");
            var before = record.HostConfig;
            var merged = Clone(before);
            try { ContainerUpdates.Merge(merged, update); }
            catch (ContainerSpecException e) { throw Cannot(c, e.Message); }
            // A stopped container gets the new settings at its next start; a restarting one between runs.
            if (record.Status is "running" or "paused")
            {
                try { CgroupManager.Open(CgroupsPathOf(c)).Apply(ContainerUpdates.LiveResources(update)); }
                catch (Exception e) when (e is LinuxException or SyscallException or IOException) { throw Cannot(c, e.Message); }
            }
            record.HostConfig = merged;
            try { _store.Save(record); }
            catch
            {
                record.HostConfig = before;
                throw;
            }
        }
        finally
        {
            c.Lock.Release();
        }
        Publish(c, "update");
        return new ContainerUpdateResponse { Warnings = [] };
    }

    private static ContainerException Cannot(Container c, string why) => new(500, $"Cannot update container {c.Id}: {why}");

    private static HostConfig Clone(HostConfig hc) =>
        JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(hc, ContainersJson.Context.HostConfig), ContainersJson.Context.HostConfig)!;
}
