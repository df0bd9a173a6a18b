using System.Collections.Concurrent;
using Berth.Api.Models.Containers;
using Berth.Engine.Containers.Health;
using Berth.Runtime;
using Berth.Runtime.Logs;
using Berth.Runtime.Shim;
using ApiHealth = Berth.Api.Models.Containers.Health;

namespace Berth.Engine.Containers;

// Health checks, as dockerd runs them: while the container runs, its probe runs as an exec inside it every
// interval (with exec_create/exec_start/exec_die events), is killed at its timeout, and each result moves
// State.Health (health_status events on a change). The monitor ends with the run and resumes after a daemon restart.
public sealed partial class ContainerService
{
    // dockerd's separate bound on starting the probe's exec, which does not count against the probe's timeout.
    private static readonly TimeSpan ProbeStartTimeout = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, CancellationTokenSource> _healthMonitors = new();

    // Under the container's lock, as a run starts (resume: the daemon came back to a running container, whose
    // health so far stands). A container with a health check is "starting" until a probe says otherwise.
    private void StartHealthMonitorLocked(Container c, bool resume)
    {
        StopHealthMonitor(c);
        if (_shuttingDown || HealthSettings.Of(c.Record.Config) is not { } settings) return;
        if (!resume || c.Record.Health is null)
        {
            c.Record.Health = HealthTracker.Begin(c.Record.Health);
            // A start saves the record right after; a resume after a daemon restart has nothing else to save it.
            if (resume) _store.Save(c.Record);
        }
        var stop = new CancellationTokenSource();
        _healthMonitors[c.Id] = stop;
        _ = Task.Run(() => MonitorHealthAsync(c, settings, stop.Token));
    }

    private void StopHealthMonitor(Container c)
    {
        if (_healthMonitors.TryRemove(c.Id, out var stop)) stop.Cancel();
    }

    private void StopAllHealthMonitors()
    {
        foreach (var id in _healthMonitors.Keys.ToList())
            if (_healthMonitors.TryRemove(id, out var stop)) stop.Cancel();
    }

    private async Task MonitorHealthAsync(Container c, HealthSettings settings, CancellationToken stop)
    {
        var startedAt = GoTimestamp.TryParse(c.Record.StartedAt, out var t) ? t : DateTime.UtcNow;
        try
        {
            while (true)
            {
                await Task.Delay(settings.NextDelay(DateTime.UtcNow - startedAt, c.Record.Health?.Status ?? HealthTracker.Starting), stop);
                // A paused container is not probed, as dockerd stops its monitor while paused.
                if (c.Record.Status != "running") continue;
                var probeStart = DateTime.UtcNow;
                var result = await ProbeAsync(c, settings, probeStart, stop);
                await RecordProbeAsync(c, settings, result, startedAt, probeStart, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
        catch (Exception e)
        {
            // A monitor must never take the daemon down; it reports why it ended.
            _log($"container {c.Id}: health monitor ended: {e.Message}");
        }
    }

    private async Task<HealthcheckResult> ProbeAsync(Container c, HealthSettings settings, DateTime probeStart, CancellationToken stop)
    {
        string execId;
        try
        {
            execId = CreateExec(c.Id, new ExecConfig { Cmd = [.. settings.Command!], AttachStdout = true, AttachStderr = true });
        }
        catch (ContainerException e)
        {
            return Result(probeStart, -1, e.Message);
        }
        var exec = FindExec(execId);
        var output = new ProbeOutput();
        int? exitCode = null;
        var timedOut = false;
        try
        {
            ShimStream stream;
            using (var starting = CancellationTokenSource.CreateLinkedTokenSource(stop))
            {
                starting.CancelAfter(ProbeStartTimeout);
                try { stream = (await StartExecAsync(execId, detach: false, starting.Token))!; }
                catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                {
                    return Result(probeStart, -1, $"timed out starting health check for container {c.Id}");
                }
            }
            await using (stream)
            {
                // At the timeout, or when the monitor stops, the probe is killed; its end is still read, so dying
                // probes never pile up.
                using var deadline = new CancellationTokenSource(settings.Timeout);
                using var onTimeout = deadline.Token.Register(() => { timedOut = true; TryKill(exec.Pid); });
                using var onStop = stop.Register(() => TryKill(exec.Pid));
                while (await StreamFrames.ReadAsync(stream) is { } frame)
                {
                    if (frame.Stream == StreamFrames.Status) exitCode = ShimClient.ParseExecExit(frame.Payload);
                    else lock (output) output.Write(frame.Payload);
                }
            }
        }
        catch (ContainerException e)
        {
            return Result(probeStart, -1, e.Message);
        }
        catch (Exception e) when (e is IOException or RuntimeException or System.Net.Sockets.SocketException)
        {
            if (!timedOut) return Result(probeStart, -1, e.Message);
        }
        finally
        {
            ExecEnded(exec, exitCode ?? -1);
            _execs.TryRemove(execId, out _);
        }
        string text;
        lock (output) text = output.ToString();
        if (timedOut)
        {
            var limit = GoDurationText.Of(settings.Timeout);
            return Result(probeStart, -1, text.Length > 0 ? $"Health check exceeded timeout ({limit}): {text}" : $"Health check exceeded timeout ({limit})");
        }
        return Result(probeStart, exitCode ?? -1, text);
    }

    private static HealthcheckResult Result(DateTime start, int exitCode, string output) => new()
    {
        Start = GoTimestamp.Format(start),
        End = GoTimestamp.Format(DateTime.UtcNow),
        ExitCode = exitCode,
        Output = output,
    };

    private async Task RecordProbeAsync(Container c, HealthSettings settings, HealthcheckResult result, DateTime startedAt, DateTime probeStart, CancellationToken stop)
    {
        ApiHealth next;
        bool changed;
        await c.Lock.WaitAsync(stop);
        try
        {
            // The run may have ended while the probe ran: its result belongs to no run then.
            if (stop.IsCancellationRequested || c.Record.Health is not { } current || c.Record.Status is not ("running" or "paused")) return;
            // A new object, so inspect (which reads without the lock) sees the old state or the new, never half.
            next = new ApiHealth { Status = current.Status, FailingStreak = current.FailingStreak, Log = [.. current.Log ?? []] };
            changed = HealthTracker.Apply(next, result, startedAt, probeStart, settings.StartPeriod, settings.Retries);
            c.Record.Health = next;
            _store.Save(c.Record);
        }
        finally
        {
            c.Lock.Release();
        }
        if (changed) Publish(c, "health_status: " + next.Status);
    }
}
