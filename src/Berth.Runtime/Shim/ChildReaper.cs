using Berth.Linux.Processes;

namespace Berth.Runtime.Shim;

// The shim's only waitpid: one thread collects every child (its own spawns and the orphans it inherits as
// subreaper) and completes the task of whoever asked for that pid; exits nobody asked for yet are kept.
internal sealed class ChildReaper
{
    private readonly Lock _lock = new();
    private readonly Dictionary<int, TaskCompletionSource<int>> _waiting = [];
    private readonly Dictionary<int, int> _unclaimed = [];
    // Counts spawns the loop has not yet seen. Monitor.Wait blocks at once; SemaphoreSlim.Wait spun on sched_yield
    // first, on a core the container's exit path needed.
    private readonly object _spawnLock = new();
    private int _spawned;

    public ChildReaper()
    {
        new Thread(Loop) { IsBackground = true, Name = "reaper" }.Start();
    }

    public Task<int> ExitOf(int pid) => Claim(pid, TaskCreationOptions.RunContinuationsAsynchronously);

    // Blocks the calling thread (the shim's main thread, which has nothing else to do) until pid has exited. The
    // reaper wakes it itself, not through a continuation on the pool: one thread less on a container's exit path.
    public int WaitExit(int pid) => BlockingWait.Result(Claim(pid, TaskCreationOptions.None));

    private Task<int> Claim(int pid, TaskCreationOptions options)
    {
        lock (_lock)
        {
            if (_unclaimed.Remove(pid, out var code)) return Task.FromResult(code);
            if (!_waiting.TryGetValue(pid, out var tcs)) _waiting[pid] = tcs = new TaskCompletionSource<int>(options);
            return tcs.Task;
        }
    }

    // Spawns a child and wakes the loop, which sleeps while there are no children at all.
    public int Spawn(string path, IReadOnlyList<string> argv, IReadOnlyList<(int Parent, int Child)> fds)
    {
        var pid = ProcessSpawner.Spawn(path, argv, ShimGcSettings.ChildEnvironment(), fds, newSession: false);
        lock (_spawnLock)
        {
            _spawned++;
            Monitor.Pulse(_spawnLock);
        }
        return pid;
    }

    private void Loop()
    {
        while (true)
        {
            if (ChildReaping.WaitAny() is not { } exit)
            {
                lock (_spawnLock)
                {
                    while (_spawned == 0) Monitor.Wait(_spawnLock);
                    _spawned--;
                }
                continue;
            }
            lock (_lock)
            {
                if (_waiting.Remove(exit.Pid, out var tcs)) tcs.SetResult(exit.ExitCode);
                else _unclaimed[exit.Pid] = exit.ExitCode;
            }
        }
    }
}
