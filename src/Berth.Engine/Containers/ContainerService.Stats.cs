using System.Runtime.CompilerServices;
using Berth.Api.Models.Containers;
using Berth.Engine.Containers.Stats;
using Berth.Linux;
using Berth.Linux.Cgroups;
using Berth.Linux.Native;

namespace Berth.Engine.Containers;

// GET /containers/{id}/stats: a sample a second while streaming; without streaming one sample whose CPU deltas
// cover the second before it (or, with one-shot, a single sample with no deltas), as dockerd.
public sealed partial class ContainerService
{
    private static readonly TimeSpan StatsInterval = TimeSpan.FromSeconds(1);

    public async IAsyncEnumerable<ContainerStatsResponse> StatsAsync(string reference, bool stream, bool oneShot,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var c = Find(reference);
        // A container that is not running has nothing to measure: dockerd answers zeros with its name and ID.
        if (!stream && (!c.Record.IsRunning || c.Record.Status == "restarting"))
        {
            yield return Empty(c);
            yield break;
        }
        if (!stream && oneShot)
        {
            yield return SampleOf(c);
            yield break;
        }
        var primed = stream;
        CpuStatsBlock previousCpu = new();
        var previousRead = ContainerStatsResponse.ZeroTime;
        while (!c.Removed.IsCompleted)
        {
            var sample = SampleOf(c);
            sample.PreCpuStats = previousCpu;
            sample.PreRead = previousRead;
            previousCpu = sample.CpuStats;
            previousRead = sample.Read;
            if (primed)
            {
                yield return sample;
                if (!stream) yield break;
            }
            primed = true;
            try { await Task.Delay(StatsInterval, ct); }
            catch (OperationCanceledException) { yield break; }
        }
    }

    private ContainerStatsResponse SampleOf(Container c)
    {
        var record = c.Record;
        if (!record.IsRunning || record.Pid <= 0) return Empty(c);
        ContainerStatsResponse sample;
        try
        {
            var network = NetworkModes.Parse(record.HostConfig.NetworkMode) != NetworkModes.Host;
            sample = StatsSampler.Sample(CgroupManager.Open(CgroupsPathOf(c)), record.Pid, network, DateTime.UtcNow);
        }
        catch (Exception e) when (e is LinuxException or SyscallException or IOException or UnauthorizedAccessException)
        {
            // The container stopped between the check and the read: what dockerd sends for a stopped one.
            if (!c.Record.IsRunning) return Empty(c);
            throw new ContainerException(500, $"stats of container {c.Id}: {e.Message}");
        }
        sample.Name = "/" + record.Name;
        sample.Id = c.Id;
        return sample;
    }

    private static ContainerStatsResponse Empty(Container c) => new() { Name = "/" + c.Record.Name, Id = c.Id };
}
