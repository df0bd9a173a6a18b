using System.Collections.Concurrent;
using Berth.Engine.Containers.Restart;
using Berth.Engine.Containers.Spec;
using Berth.Linux.Processes;

namespace Berth.Engine.Containers;

// Restart policies, as dockerd's restart manager applies them: a container that ends on its own is started again
// after the back-off delay, "restarting" meanwhile; a user's stop or kill cancels that until the user starts it.
public sealed partial class ContainerService
{
    private readonly ConcurrentDictionary<string, RestartState> _restarts = new();
    private volatile bool _shuttingDown;

    private RestartState RestartStateOf(Container c) => _restarts.GetOrAdd(c.Id, _ => new RestartState());

    // Under the container's lock, its end just recorded: decides on a restart. Returns the pending restart's
    // delay and cancellation (the container is then "restarting"), or null when it stays exited.
    private (TimeSpan Delay, CancellationTokenSource Pending)? PlanRestartLocked(Container c)
    {
        var r = c.Record;
        if (!RestartDecision.HasPolicy(r.HostConfig.RestartPolicy)) return null;
        var state = RestartStateOf(c);
        if (state.Cancelled || _shuttingDown) return null;
        state.Delay = BackOff.Next(state.Delay, RunTime(r));
        if (!RestartDecision.ShouldRestart(r.HostConfig.RestartPolicy, r.ExitCode, r.HasBeenManuallyStopped, r.RestartCount)) return null;
        r.RestartCount++;
        r.Status = "restarting";
        var pending = new CancellationTokenSource();
        state.Pending = pending;
        return (state.Delay, pending);
    }

    private static TimeSpan RunTime(ContainerRecord r) =>
        Berth.Runtime.Logs.GoTimestamp.TryParse(r.StartedAt, out var started) && Berth.Runtime.Logs.GoTimestamp.TryParse(r.FinishedAt, out var finished)
            ? finished - started
            : TimeSpan.Zero;

    // Waits out the delay and starts the container again ("start" event), unless a user's stop cancelled it: then it
    // ends as exited, which is what that stop waits for. On daemon shutdown nothing changes: the next daemon decides.
    private void ScheduleRestart(Container c, TimeSpan delay, CancellationTokenSource pending) => _ = Task.Run(async () =>
    {
        try { await Task.Delay(delay, pending.Token); }
        catch (OperationCanceledException) { }
        if (_shuttingDown) return;
        var started = false;
        await c.Lock.WaitAsync();
        try
        {
            var state = RestartStateOf(c);
            if (c.Record.Status != "restarting" || !ReferenceEquals(state.Pending, pending)) return;
            state.Pending = null;
            if (!pending.IsCancellationRequested)
            {
                try
                {
                    await StartLockedAsync(c, CancellationToken.None);
                    started = true;
                }
                catch (ContainerException e)
                {
                    _log($"container {c.Id}: restart failed: {e.Message}");
                }
            }
            if (!started)
            {
                c.Record.Status = "exited";
                _store.Save(c.Record);
            }
        }
        finally
        {
            c.Lock.Release();
        }
        if (started) Publish(c, "start");
        else c.SignalExit();
    });

    // The ended run's shim answers the exit before it deletes the container from the runtime and removes its socket;
    // a new shim before that would meet the old runtime state and lose its socket. This daemon's own shims are
    // watched to their end; for a shim of an earlier daemon, its socket file is what tells. A shim that was killed
    // leaves the file: the bound keeps that from blocking.
    private async Task OldShimGoneAsync(Container c)
    {
        try { await c.ShimExited.WaitAsync(TimeSpan.FromSeconds(10)); }
        catch (TimeoutException) { _log($"container {c.Id}: its last shim has not exited after 10 s"); }
        var socket = ShimSocketOf(c.Id);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (File.Exists(socket) && DateTime.UtcNow < deadline) await Task.Delay(5);
    }

    // dockerd's kill: any signal from a user marks the container as stopped by hand, and the stop signal (any signal
    // when the container names none, and SIGKILL always) cancels its restarts until the next user start.
    private async Task NoteUserSignalAsync(Container c, int signal)
    {
        var stopSignal = c.Record.Config.StopSignal;
        bool cancels;
        try { cancels = string.IsNullOrEmpty(stopSignal) || signal == Signals.SigKill || StopSignals.Resolve(stopSignal, null) == signal; }
        catch (ContainerSpecException) { cancels = true; }
        await c.Lock.WaitAsync();
        try
        {
            if (cancels)
            {
                var state = RestartStateOf(c);
                state.Cancelled = true;
                state.Pending?.Cancel();
            }
            if (!c.Record.HasBeenManuallyStopped && !_shuttingDown && c.Record.Status != "removing")
            {
                c.Record.HasBeenManuallyStopped = true;
                _store.Save(c.Record);
            }
        }
        finally
        {
            c.Lock.Release();
        }
    }

    // A user's start or restart begins a new policy run: no back-off, no count, not stopped by hand (saved by the start).
    private void ResetRestartsLocked(Container c)
    {
        var state = RestartStateOf(c);
        state.Pending?.Cancel();
        state.Pending = null;
        state.Cancelled = false;
        state.Delay = TimeSpan.Zero;
        c.Record.RestartCount = 0;
        c.Record.HasBeenManuallyStopped = false;
    }

    // At daemon start, for a container that is not running: dockerd starts it again when its policy would restart it
    // now (always; unless-stopped not stopped by hand; on-failure after a failure, retries left).
    private static bool RestartsOnRecover(ContainerRecord r) =>
        r.HasBeenStarted && RestartDecision.HasPolicy(r.HostConfig.RestartPolicy)
        && r.Status is "exited" && RestartDecision.ShouldRestart(r.HostConfig.RestartPolicy, r.ExitCode, r.HasBeenManuallyStopped, r.RestartCount);

    private void StartOnRecover(Container c) => _ = Task.Run(async () =>
    {
        await c.Lock.WaitAsync();
        try
        {
            if (c.Record.IsRunning || c.Record.Status != "exited") return;
            ResetRestartsLocked(c);
            await StartLockedAsync(c, CancellationToken.None);
        }
        catch (ContainerException e)
        {
            _log($"container {c.Id}: restart on daemon start failed: {e.Message}");
            return;
        }
        finally
        {
            c.Lock.Release();
        }
        Publish(c, "start");
    });

    // A restart the last daemon left pending: the container ended; its policy decides again below.
    private void SettleRestartingOnRecover(ContainerRecord r)
    {
        if (r.Status != "restarting") return;
        r.Status = "exited";
        r.Pid = 0;
        r.ShimPid = 0;
        _store.Save(r);
    }

    // The daemon is going away: no restart starts and no probe runs from now on; containers keep running, and
    // the next daemon picks them up (Recover).
    public void Shutdown()
    {
        _shuttingDown = true;
        foreach (var state in _restarts.Values) state.Pending?.Cancel();
        StopAllHealthMonitors();
        _deferred.Drain(TimeSpan.FromSeconds(10));
        // A shim answers the exit before it deletes the container from the runtime; one still at that gets its
        // time, so a daemon stopped right after a `run --rm` (and its state directories deleted, as the benches
        // do) leaves no cgroup behind.
        Task[] finishing;
        lock (_finishingShims) finishing = [.. _finishingShims.Where(t => !t.IsCompleted)];
        Task.WaitAll(finishing, TimeSpan.FromSeconds(5));
    }

    private readonly List<Task> _finishingShims = [];

    private void NoteFinishingShim(Task shimExited)
    {
        if (shimExited.IsCompleted) return;
        lock (_finishingShims)
        {
            _finishingShims.RemoveAll(t => t.IsCompleted);
            _finishingShims.Add(shimExited);
        }
    }
}
