using Berth.Runtime;
using Berth.Runtime.Shim;

namespace Berth.Engine.Containers;

// wait, attach and the daemon's start-up recovery.
public sealed partial class ContainerService
{
    // condition: "not-running" (default), "next-exit" or "removed". Returns the exit code. Registered on the
    // caller's thread: `run` waits for this answer before it starts the container, so no hop to the pool here.
    public Task<Task<int>> WaitAsync(string reference, string? condition)
    {
        try
        {
            var c = Find(reference);
            return Task.FromResult((condition ?? "") switch
            {
                "" or "not-running" => c.Stopped.ContinueWith(_ => c.Record.ExitCode, TaskScheduler.Default),
                "next-exit" => c.NextExit.ContinueWith(t => t.Result.ExitCode, TaskScheduler.Default),
                "removed" => c.Removed.ContinueWith(_ => c.Record.ExitCode, TaskScheduler.Default),
                _ => throw new ContainerException(400, $"invalid condition: \"{condition}\""),
            });
        }
        catch (ContainerException e)
        {
            return Task.FromException<Task<int>>(e);
        }
    }

    // The container's stdio as the shim serves it: frames to read, raw stdin to write. A container that is not
    // running waits for its next start, which connects it before the process runs. beforeStreaming runs once the
    // attach is allowed, before the stream is connected (or waited for): the caller's 101 and log replay go there.
    public async Task<(Container Container, ShimStream Stream)> AttachAsync(string reference, bool stdin, bool stdout, bool stderr, Func<Task>? beforeStreaming, CancellationToken ct)
    {
        var c = Find(reference);
        PendingAttach? pending = null;
        ShimClient? shim;
        await c.Lock.WaitAsync(ct);
        try
        {
            shim = c.Shim;
            if (shim is null)
            {
                // As dockerd: an attach to a created or exited container waits for its next start (docker start -a
                // attaches, then starts); only a restart in its back-off is refused.
                if (c.Record.Status == "restarting")
                    throw ContainerException.Conflict($"container {reference} is restarting, wait until the container is running");
                pending = c.AddPendingAttach(stdin, stdout, stderr);
            }
            else if (c.Record.Status == "paused")
                throw ContainerException.Conflict($"You cannot attach to a paused container, unpause it first");
        }
        finally
        {
            c.Lock.Release();
        }
        Publish(c, "attach");
        if (pending is null)
        {
            if (beforeStreaming is not null) await beforeStreaming();
            return (c, await shim!.AttachAsync(stdin, stdout, stderr, ct));
        }
        try
        {
            if (beforeStreaming is not null) await beforeStreaming();
            return (c, await pending.Stream.Task.WaitAsync(ct));
        }
        finally
        {
            c.RemovePendingAttach(pending);
        }
    }

    public async Task ResizeAsync(string reference, int height, int width, CancellationToken ct)
    {
        var c = Find(reference);
        var shim = c.Shim ?? throw ContainerException.Conflict($"Container {c.Id} is not running");
        try { await shim.ResizeAsync(height, width, null, ct); }
        catch (RuntimeException e) { throw new ContainerException(400, e.Message); }
    }

    // At daemon start: every container on disk comes back; a running one is followed again through its shim (or its
    // exit file, if it ended while the daemon was down).
    public void Recover()
    {
        Networks.Initialize();
        foreach (var retired in _store.Retired()) DiscardRetired(retired);
        var (records, problems) = _store.LoadAll();
        foreach (var problem in problems) _log($"skipping {problem}");
        foreach (var record in records)
        {
            var c = new Container(record, _store.DirectoryOf(record.Id));
            lock (_namesGate)
            {
                if (!_names.TryAdd(record.Name, record.Id))
                {
                    record.Name = record.Id[..12] + "_" + record.Name;
                    _names[record.Name] = record.Id;
                }
            }
            _byId[record.Id] = c;
            SettleRestartingOnRecover(record);
            if (record.IsRunning) Networks.Restore(record, record.Config.Hostname ?? record.Id[..12]);
            else if (record.SandboxKey is not null) ReleaseNetworkLocked(c);
            if (record.IsRunning && ExitFile.Read(ExitFileOf(c)) is { } ended)
            {
                // It ended while the daemon was down: recorded before the API answers, so no client sees it running.
                RecordExitAsync(c, ended).GetAwaiter().GetResult();
            }
            else if (record.IsRunning)
            {
                var shim = new ShimClient(ShimSocketOf(record.Id), ExitFileOf(c));
                c.Shim = shim;
                c.Lock.Wait();
                try { StartHealthMonitorLocked(c, resume: true); }
                finally { c.Lock.Release(); }
                WatchExit(c, shim);
            }
            else if (record.HostConfig.AutoRemove && record.HasBeenStarted)
            {
                _ = RemoveAsync(record.Id, force: false, CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            else if (RootfsMount.IsMountPoint(RootfsMount.RootfsOf(c.Dir)))
            {
                try { RootfsMount.Unmount(c.Dir); } catch (Exception e) when (e is Berth.Linux.LinuxException) { _log(e.Message); }
            }
            if (RestartsOnRecover(record)) StartOnRecover(c);
        }
        Networks.ApplyRestored();
    }
}
