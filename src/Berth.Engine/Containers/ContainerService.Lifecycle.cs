using System.Text.Json;
using Berth.Engine.Containers.Spec;
using Berth.Linux;
using Berth.Linux.Cgroups;
using Berth.Linux.Native;
using Berth.Linux.Processes;
using Berth.Oci;
using Berth.Runtime;
using Berth.Runtime.Logs;
using Berth.Runtime.Shim;

namespace Berth.Engine.Containers;

// Start, stop, kill, restart, pause, rename and remove. A state change holds the container's lock; waiting for
// the process to end never does, because the exit watcher needs that lock to record the end.
public sealed partial class ContainerService
{
    public const int DefaultStopTimeout = 10;

    public async Task StartAsync(string reference, CancellationToken ct)
    {
        var c = Find(reference);
        await c.Lock.WaitAsync(ct);
        var locked = true;
        try
        {
            switch (c.Record.Status)
            {
                case "paused": throw ContainerException.Conflict("cannot start a paused container, try unpause instead");
                case "running" or "restarting": throw ContainerException.NotModified();
                case "removing" or "dead": throw ContainerException.Conflict($"container is marked for removal and cannot be started");
            }
            ResetRestartsLocked(c);
            await StartLockedAsync(c, ct);
        }
        catch (ContainerException) when (c.Record.HostConfig.AutoRemove && c.Record.Status == "created")
        {
            // As dockerd: a --rm container that cannot start is removed, which is what `run --rm` waits for.
            c.Lock.Release();
            locked = false;
            try { await RemoveAsync(c.Id, force: true, CancellationToken.None); }
            catch (ContainerException e) when (e.Status is 404 or 409) { }
            throw;
        }
        finally
        {
            if (locked) c.Lock.Release();
        }
        Publish(c, "start");
    }

    private async Task StartLockedAsync(Container c, CancellationToken ct)
    {
        await OldShimGoneAsync(c);
        var record = c.Record;
        var lower = _images.LowerDirectories(record.ImageId);
        RootfsMount.Mount(_options.DataRoot, c.Dir, lower);
        ShimHandle? handle = null;
        var exitFile = ExitFileOf(c);
        var socket = ShimSocketOf(c.Id);
        List<PendingAttach> attaches = [];
        try
        {
            var paths = PathsOf(c.Id, c.Dir);
            paths = paths with { VolumeSources = MountVolumes(c, paths.Rootfs) };
            paths = PrepareNetworkLocked(c, paths);
            var spec = ContainerSpecComposer.Compose(record.Config, record.HostConfig, null, paths, paths.Rootfs);
            var configPath = System.IO.Path.Combine(c.Dir, "config.json");
            File.WriteAllBytes(configPath + ".tmp", JsonSerializer.SerializeToUtf8Bytes(spec, OciJsonContext.Default.RuntimeSpec));
            File.Move(configPath + ".tmp", configPath, overwrite: true);
            File.Delete(exitFile);
            var log = LogSettings.Resolve(record.HostConfig.LogConfig, _options);
            // The shim starts the container as soon as it has created it; the attaches that came before the start
            // (held under c.Lock, so no more can come) get the output it keeps for them from the first byte.
            attaches = c.TakePendingAttaches();
            handle = await ShimLauncher.StartAsync(new ShimOptions
            {
                Id = c.Id,
                Bundle = c.Dir,
                RuntimeRoot = RuntimeRoot,
                SocketPath = socket,
                ExitFilePath = exitFile,
                LogDriver = log.Driver,
                LogPath = log.Driver == "json-file" ? LogPathOf(c) : null,
                LogMaxSize = log.MaxSize,
                LogMaxFile = log.MaxFile,
                Tty = record.Config.Tty,
                Stdin = record.Config.OpenStdin,
                StdinOnce = record.Config.StdinOnce,
                StderrPath = System.IO.Path.Combine(c.Dir, "shim.log"),
                CgroupsPath = spec.Linux?.CgroupsPath,
                Start = true,
                HeldAttaches = attaches.Count,
            }, ct);
            c.ShimExited = handle.ShimExited;
            var shim = new ShimClient(socket, exitFile);
            foreach (var pending in attaches)
            {
                try { pending.Stream.TrySetResult(await shim.AttachAsync(pending.Stdin, pending.Stdout, pending.Stderr, ct)); }
                catch (Exception e) when (e is RuntimeException or IOException) { pending.Stream.TrySetException(e); }
            }
            record.Status = "running";
            record.Pid = handle.ContainerPid;
            record.ShimPid = handle.ShimPid;
            record.ExitCode = 0;
            record.OOMKilled = false;
            record.Error = "";
            record.StartedAt = GoTimestamp.Format(DateTime.UtcNow);
            record.HasBeenStarted = true;
            record.RootfsMounted = true;
            c.Shim = shim;
            StartHealthMonitorLocked(c, resume: false);
            _store.Save(record);
            WatchExit(c, shim);
        }
        catch (Exception e) when (e is RuntimeException or ContainerSpecException or IOException or LinuxException or ContainerException)
        {
            if (handle is not null) await AbandonShimAsync(handle, new ShimClient(socket, exitFile));
            foreach (var pending in attaches.Concat(c.TakePendingAttaches())) pending.Stream.TrySetException(e);
            try { RootfsMount.Unmount(c.Dir); } catch (Exception u) when (u is LinuxException) { _log($"unmount {c.Id}: {u.Message}"); }
            record.RootfsMounted = false;
            ReleaseVolumes(c);
            ReleaseNetworkLocked(c);
            // As dockerd: a failed start leaves the container as it was, with the error and 127/126 for a missing
            // or unusable command.
            record.Error = e.Message;
            record.ExitCode = e.Message.Contains("no such file", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("not found", StringComparison.Ordinal) ? 127
                : e.Message.Contains("permission denied", StringComparison.OrdinalIgnoreCase) ? 126 : 128;
            _store.Save(record);
            if (e is ContainerException) throw;
            throw new ContainerException(e is ContainerSpecException ? 400 : 500, e.Message);
        }
    }

    // A start that failed after the shim created the container: the shim kills the container's init, deletes it
    // from the runtime and exits, so no process, cgroup or runtime state is left. SIGKILL of the shim is the
    // fallback when it does not answer, since it alone could clean up.
    private static async Task AbandonShimAsync(ShimHandle handle, ShimClient shim)
    {
        try
        {
            await shim.KillAsync(Signals.SigKill);
            await handle.ShimExited.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is RuntimeException or IOException or System.Net.Sockets.SocketException or TimeoutException)
        {
            TryKill(handle.ShimPid);
        }
    }

    private static void TryKill(int pid)
    {
        try { ProcessControl.Kill(pid, Signals.SigKill); } catch (Exception e) when (e is LinuxException or SyscallException) { }
    }

    // Follows one run of the container to its end; the end is recorded whenever it happens, daemon restarts included.
    private void WatchExit(Container c, ShimClient shim) => _ = Task.Run(async () =>
    {
        ShimExit exit;
        try
        {
            exit = await shim.WaitAsync();
        }
        catch (Exception e) when (e is RuntimeException or IOException or System.Net.Sockets.SocketException)
        {
            exit = ExitFile.Read(ExitFileOf(c)) ?? new ShimExit(255, false, GoTimestamp.Format(DateTime.UtcNow));
            if (exit.ExitCode == 255) _log($"container {c.Id}: its shim is gone without an exit status ({e.Message})");
        }
        await RecordExitAsync(c, exit);
    });

    private async Task RecordExitAsync(Container c, ShimExit exit)
    {
        (TimeSpan Delay, CancellationTokenSource Pending)? restart = null;
        await c.Lock.WaitAsync();
        try
        {
            var record = c.Record;
            if (!record.IsRunning) return;
            record.ExitCode = exit.ExitCode;
            record.OOMKilled = exit.OOMKilled;
            record.FinishedAt = exit.FinishedAt;
            // Straight from running to restarting: inspect (which reads without the lock) never sees it exited between.
            restart = PlanRestartLocked(c);
            if (restart is null) record.Status = "exited";
            record.Pid = 0;
            record.ShimPid = 0;
            c.Shim = null;
            StopHealthMonitor(c);
            // A --rm container is removed next, and its rootfs is unmounted with its directory once the waiters
            // have their answer (RemoveAsync), so the unmount (a sync of the upper layer) is not on their path.
            if (restart is not null || !record.HostConfig.AutoRemove)
            {
                try
                {
                    RootfsMount.Unmount(c.Dir);
                    record.RootfsMounted = false;
                }
                catch (Exception e) when (e is LinuxException)
                {
                    _log($"container {c.Id}: unmount rootfs: {e.Message}");
                }
            }
            ReleaseVolumes(c);
            ReleaseNetworkLocked(c);
            // A --rm container's record is retired next, on the path of `run --rm`: it is saved only if it stays.
            if (restart is not null || !record.HostConfig.AutoRemove) _store.Save(record);
        }
        finally
        {
            c.Lock.Release();
        }
        NoteFinishingShim(c.ShimExited);
        if (exit.OOMKilled) Publish(c, "oom");
        Publish(c, "die", new Dictionary<string, string> { ["exitCode"] = exit.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        c.SignalExit();
        if (restart is { } planned) ScheduleRestart(c, planned.Delay, planned.Pending);
        else if (c.Record.HostConfig.AutoRemove)
        {
            try { await RemoveAsync(c.Id, force: false, CancellationToken.None, autoRemove: true); }
            catch (ContainerException e) when (e.Status is 404 or 409) { }
            finally { await SaveIfStillHereAsync(c); }
        }
    }

    // After an automatic removal that did not happen (the user's own removal is under way, or it failed and left
    // the container dead): the record on disk gets the exit it was spared.
    private async Task SaveIfStillHereAsync(Container c)
    {
        await c.Lock.WaitAsync();
        try
        {
            if (_byId.ContainsKey(c.Id)) _store.Save(c.Record);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _log($"container {c.Id}: save: {e.Message}");
        }
        finally
        {
            c.Lock.Release();
        }
    }

    public async Task StopAsync(string reference, int? timeoutSeconds, string? signal, CancellationToken ct)
    {
        var c = Find(reference);
        var stopped = c.Stopped;
        if (stopped.IsCompleted) throw ContainerException.NotModified();
        var sig = StopSignals.Resolve(string.IsNullOrEmpty(signal) ? c.Record.Config.StopSignal : signal, null);
        var timeout = timeoutSeconds ?? c.Record.Config.StopTimeout ?? DefaultStopTimeout;
        if (c.Record.Status == "paused") await ThawForSignalAsync(c);
        await SignalAsync(c, sig, ct);
        if (timeout < 0) await stopped.WaitAsync(ct);
        else
        {
            try { await stopped.WaitAsync(TimeSpan.FromSeconds(timeout), ct); }
            catch (TimeoutException)
            {
                await SignalAsync(c, Signals.SigKill, ct);
                await stopped.WaitAsync(ct);
            }
        }
        Publish(c, "stop");
    }

    public async Task KillAsync(string reference, string? signal, CancellationToken ct)
    {
        var c = Find(reference);
        int sig;
        try { sig = string.IsNullOrEmpty(signal) ? Signals.SigKill : Signals.Parse(signal); }
        catch (LinuxException) { throw new ContainerException(400, $"Invalid signal: {signal}"); }
        if (!c.Record.IsRunning)
            throw ContainerException.Conflict($"Cannot kill container: {reference}: container {c.Id} is not running");
        if (c.Record.Status == "paused" && sig == Signals.SigKill) await ThawForSignalAsync(c);
        await SignalAsync(c, sig, ct);
        if (sig == Signals.SigKill) await c.Stopped.WaitAsync(ct);
    }

    private async Task SignalAsync(Container c, int sig, CancellationToken ct)
    {
        await NoteUserSignalAsync(c, sig);
        var shim = c.Shim;
        if (shim is null) return;
        Publish(c, "kill", new Dictionary<string, string> { ["signal"] = sig.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        try { await shim.KillAsync(sig, ct); }
        catch (Exception e) when (IsShimFailure(e) && c.Stopped.IsCompleted) { }
        // The shim has exited with its container (or reset the connection as it did) and the exit watcher is about to
        // record the end: nothing to signal.
        catch (Exception e) when (IsShimFailure(e) && (shim != c.Shim || !Directory.Exists($"/proc/{c.Record.ShimPid}"))) { }
        catch (RuntimeException) when (sig == Signals.SigKill && c.Record.Pid > 0)
        {
            // The shim cannot be reached: the process itself can.
            TryKill(c.Record.Pid);
        }
    }

    private static bool IsShimFailure(Exception e) => e is RuntimeException or IOException or System.Net.Sockets.SocketException;

    public async Task RestartAsync(string reference, int? timeoutSeconds, string? signal, CancellationToken ct)
    {
        var c = Find(reference);
        if (!c.Stopped.IsCompleted)
        {
            try { await StopAsync(c.Id, timeoutSeconds, signal, ct); }
            catch (ContainerException e) when (e.Status == 304) { }
        }
        await c.Lock.WaitAsync(ct);
        try
        {
            ResetRestartsLocked(c);
            if (!c.Record.IsRunning) await StartLockedAsync(c, ct);
        }
        finally
        {
            c.Lock.Release();
        }
        Publish(c, "start");
        Publish(c, "restart");
    }

    public async Task PauseAsync(string reference, bool pause, CancellationToken ct)
    {
        var c = Find(reference);
        await c.Lock.WaitAsync(ct);
        try
        {
            var status = c.Record.Status;
            if (status is not ("running" or "paused"))
                throw ContainerException.Conflict($"Container {c.Id} is not running");
            if (pause && status == "paused") throw ContainerException.Conflict($"Container {c.Id} is already paused");
            if (!pause && status != "paused") throw ContainerException.Conflict($"Container {c.Id} is not paused");
            var cgroup = CgroupManager.Open(CgroupsPathOf(c));
            if (pause) cgroup.Freeze(); else cgroup.Thaw();
            c.Record.Status = pause ? "paused" : "running";
            _store.Save(c.Record);
        }
        finally
        {
            c.Lock.Release();
        }
        Publish(c, pause ? "pause" : "unpause");
    }

    private async Task ThawForSignalAsync(Container c)
    {
        await c.Lock.WaitAsync();
        try
        {
            if (c.Record.Status != "paused") return;
            CgroupManager.Open(CgroupsPathOf(c)).Thaw();
            c.Record.Status = "running";
            _store.Save(c.Record);
        }
        finally
        {
            c.Lock.Release();
        }
    }

    private string CgroupsPathOf(Container c) =>
        $"{(string.IsNullOrEmpty(c.Record.HostConfig.CgroupParent) ? PathsOf(c.Id, c.Dir).CgroupParent : c.Record.HostConfig.CgroupParent)}/{c.Id}";

    public async Task RenameAsync(string reference, string newName, CancellationToken ct)
    {
        var c = Find(reference);
        var name = ContainerNames.Validate(newName);
        string old;
        await c.Lock.WaitAsync(ct);
        try
        {
            old = c.Record.Name;
            if (old == name) throw ContainerException.Conflict($"Renaming a container with the same name as its current name");
            lock (_namesGate)
            {
                if (_names.TryGetValue(name, out var holder))
                    throw ContainerException.Conflict($"Conflict. The container name \"/{name}\" is already in use by container \"{holder}\". You have to remove (or rename) that container to be able to reuse that name.");
                _names.Remove(old);
                _names[name] = c.Id;
            }
            c.Record.Name = name;
            _store.Save(c.Record);
        }
        finally
        {
            c.Lock.Release();
        }
        Publish(c, "rename", new Dictionary<string, string> { ["oldName"] = "/" + old });
    }

    // A user's removal answers once the container's cgroups and runtime state are gone too, as with dockerd; the
    // removal a --rm container makes of itself does not wait for that, since `run --rm` waits for the removal.
    public async Task RemoveAsync(string reference, bool force, CancellationToken ct, bool removeVolumes = false, bool autoRemove = false)
    {
        var c = Find(reference);
        if (c.Record.IsRunning)
        {
            if (!force)
                throw ContainerException.Conflict($"cannot remove container \"/{c.Record.Name}\": container is {c.Record.Status}: stop the container before removing or force remove");
            if (c.Record.Status == "paused") await ThawForSignalAsync(c);
            await SignalAsync(c, Signals.SigKill, ct);
            await c.Stopped.WaitAsync(ct);
        }
        if (!autoRemove) await OldShimGoneAsync(c);
        string? retired;
        await c.Lock.WaitAsync(ct);
        try
        {
            if (c.Record.Status == "removing") throw ContainerException.Conflict($"removal of container {c.Id} is already in progress");
            if (!_byId.ContainsKey(c.Id)) throw ContainerException.NotFound(reference);
            if (c.Record.IsRunning) throw ContainerException.Conflict($"cannot remove container \"/{c.Record.Name}\": container is running: stop the container before removing or force remove");
            c.Record.Status = "removing";
            foreach (var pending in c.TakePendingAttaches()) pending.Stream.TrySetException(new ContainerException(409, "the container was removed"));
            retired = _store.Retire(c.Id);
            _byId.TryRemove(c.Id, out _);
            ReleaseName(c.Record.Name, c.Id);
            RemoveExecsOf(c.Id);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            c.Record.Status = "dead";
            c.Record.Error = e.Message;
            throw new ContainerException(500, $"unable to remove container {c.Id}: {e.Message}");
        }
        finally
        {
            c.Lock.Release();
        }
        Publish(c, "destroy");
        if (removeVolumes || c.Record.HostConfig.AutoRemove) RemoveAnonymousVolumes(c);
        c.SignalRemoved();
        if (retired is not null) DiscardRetired(retired);
    }

    // After the waiters have their answer: the removed container's rootfs is unmounted (if its exit left that to the
    // removal) and its directory deleted. An unmount that fails leaves the directory for the next daemon start,
    // rather than deleting through a mount.
    private void DiscardRetired(string dir) => _deferred.Enqueue(() =>
    {
        try { RootfsMount.Unmount(dir); }
        catch (Exception e) when (e is LinuxException or SyscallException)
        {
            _log($"removed container {System.IO.Path.GetFileName(dir)}: unmount rootfs: {e.Message}");
            return;
        }
        Directory.Delete(dir, recursive: true);
    });
}
