using Berth.Runtime.Shim;

namespace Berth.Engine.Containers;

// One container while the daemon runs: its record, the one lock that orders its state changes, its shim, and the
// signals waiters block on. Nothing here is shared between containers.
public sealed class Container(ContainerRecord record, string dir)
{
    public ContainerRecord Record { get; } = record;
    public string Dir { get; } = dir;
    public string Id => Record.Id;
    public SemaphoreSlim Lock { get; } = new(1, 1);
    public ShimClient? Shim { get; set; }

    // The end of the process of the last shim this daemon started for the container. A shim answers the exit
    // before it deletes the container from the runtime, so a new start (and a removal) waits for this.
    public Task ShimExited { get; set; } = Task.CompletedTask;

    // Completed (and replaced) at every exit, so "next-exit" waiters registered before a start see that run's end.
    private TaskCompletionSource<ContainerRecord> _nextExit = NewExit();
    private readonly TaskCompletionSource _removed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<PendingAttach> _pending = [];
    private readonly object _gate = new();

    public Task<ContainerRecord> NextExit { get { lock (_gate) return _nextExit.Task; } }
    public Task Removed => _removed.Task;

    // The task that ends when the current run of the container stops (already done when it is not running).
    public Task Stopped { get { lock (_gate) return Record.IsRunning ? _nextExit.Task : Task.CompletedTask; } }

    public void SignalExit()
    {
        TaskCompletionSource<ContainerRecord> done;
        lock (_gate)
        {
            done = _nextExit;
            _nextExit = NewExit();
        }
        done.TrySetResult(Record);
    }

    public void SignalRemoved()
    {
        SignalExit();
        _removed.TrySetResult();
    }

    // An attach that arrived before the start: the start hands it the shim before letting the process run.
    public PendingAttach AddPendingAttach(bool stdin, bool stdout, bool stderr)
    {
        var pending = new PendingAttach(stdin, stdout, stderr);
        lock (_gate) _pending.Add(pending);
        return pending;
    }

    public void RemovePendingAttach(PendingAttach pending)
    {
        lock (_gate) _pending.Remove(pending);
    }

    public List<PendingAttach> TakePendingAttaches()
    {
        lock (_gate)
        {
            var list = _pending.ToList();
            _pending.Clear();
            return list;
        }
    }

    private static TaskCompletionSource<ContainerRecord> NewExit() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

// The start connects the waiting attach to the shim (Stream), or fails it.
public sealed class PendingAttach(bool stdin, bool stdout, bool stderr)
{
    public bool Stdin { get; } = stdin;
    public bool Stdout { get; } = stdout;
    public bool Stderr { get; } = stderr;
    public TaskCompletionSource<ShimStream> Stream { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
