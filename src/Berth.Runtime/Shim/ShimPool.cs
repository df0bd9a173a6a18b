using Berth.Linux;
using Berth.Linux.Native;
using Berth.Linux.Processes;
using Berth.Runtime.Standby;

namespace Berth.Runtime.Shim;

// Shims started ahead of time (`berth shim --standby`), one pool per shim executable. A standby shim has done
// its .NET start-up and everything else that does not depend on a container, and waits at low priority for its
// arguments on a pipe from this process. It dies with the pool's owner: when the daemon exits or is killed the
// pipe's write end closes and every idle shim reads end of file and exits.
internal sealed class ShimPool
{
    private static readonly Lock PoolsLock = new();
    private static readonly Dictionary<string, ShimPool> Pools = [];

    private readonly string _binary;
    private readonly Lock _lock = new();
    private readonly Queue<Standing> _idle = new();
    private bool _refilling;

    private ShimPool(string binary) => _binary = binary;

    public static ShimPool For(string binary)
    {
        lock (PoolsLock)
        {
            if (!Pools.TryGetValue(binary, out var pool)) Pools[binary] = pool = new ShimPool(binary);
            return pool;
        }
    }

    // Gives the job to an idle shim; null when there is none (or none alive) and the caller must spawn one.
    public SpawnedShim? TryHandOver(ShimOptions options)
    {
        var job = ArgumentLine.Encode(options.StandbyArguments());
        while (Take() is { } standing)
        {
            try
            {
                StandbyPriority.Normal(standing.Shim.Pid);
                Fd.WriteAll(standing.Stdin, job);
                return standing.Shim;
            }
            catch (SyscallException)
            {
                // EPIPE: it died while it waited (someone killed it). Its watcher reaps it; try the next.
                Fd.Close(standing.Shim.Stdout);
            }
            finally
            {
                Fd.Close(standing.Stdin);
            }
        }
        return null;
    }

    // Starts shims in the background until `count` wait idle.
    public void Refill(int count)
    {
        lock (_lock)
        {
            if (_refilling || _idle.Count >= count) return;
            _refilling = true;
        }
        // At once: back-to-back starts would otherwise find the pool empty. The replacement's two .NET start-ups run
        // at the lowest priority (StandbyPriority), so they take a CPU only when the container just handed over
        // leaves one idle.
        _ = Task.Run(() =>
        {
            try
            {
                while (true)
                {
                    lock (_lock)
                    {
                        if (_idle.Count >= count) return;
                    }
                    var standing = Spawn();
                    lock (_lock) _idle.Enqueue(standing);
                }
            }
            catch (Exception e) when (e is SyscallException or LinuxException or IOException)
            {
                // No standby this time: the next start spawns its shim and reports what goes wrong.
            }
            finally
            {
                lock (_lock) _refilling = false;
            }
        });
    }

    private Standing? Take()
    {
        lock (_lock)
        {
            while (_idle.TryDequeue(out var standing))
            {
                if (!standing.Shim.Exited.IsCompleted) return standing;
                Fd.Close(standing.Stdin);
                Fd.Close(standing.Shim.Stdout);
            }
            return null;
        }
    }

    private Standing Spawn()
    {
        var devNull = Fd.Open("/dev/null", OpenFlags.ReadWrite);
        var (stdinRead, stdinWrite) = (-1, -1);
        var (stdoutRead, stdoutWrite) = (-1, -1);
        try
        {
            (stdinRead, stdinWrite) = Fd.Pipe();
            (stdoutRead, stdoutWrite) = Fd.Pipe();
            var pid = ProcessSpawner.Spawn(StandbyPriority.Launcher ?? _binary,
                [.. StandbyPriority.LauncherArguments, _binary, "shim", ShimMain.StandbyFlag], ShimLauncher.EnvironmentList(),
                [(stdinRead, 0), (stdoutWrite, 1), (devNull, 2)], newSession: true);
            StandbyPriority.Lower(pid);
            return new Standing(new SpawnedShim(pid, stdoutRead, ChildExitWatcher.Watch(pid)), stdinWrite);
        }
        catch
        {
            Fd.Close(stdinWrite);
            Fd.Close(stdoutRead);
            throw;
        }
        finally
        {
            Fd.Close(stdinRead);
            Fd.Close(stdoutWrite);
            Fd.Close(devNull);
        }
    }

    private sealed record Standing(SpawnedShim Shim, int Stdin);
}
