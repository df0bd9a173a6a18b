namespace Berth.Linux.Threading;

// A thread started ahead of time that runs one piece of work once it is handed one, then ends. Thread.Start does
// not return until the new thread has run (it spins on sched_yield meanwhile): on this two-core machine 0.07 to
// 0.25 ms at the median and up to several ms, in the middle of a container's start. A standby shim or runtime pays
// that before it has a job instead.
public sealed class ParkedThread
{
    private readonly object _gate = new();
    private Action? _work;
    private bool _dismissed;

    public ParkedThread(string name, int maxStackSize = 0)
    {
        new Thread(Wait, maxStackSize) { IsBackground = true, Name = name }.Start();
    }

    // Runs work on the parked thread; false (and nothing runs) if it has already been given work or dismissed.
    public bool TryRun(Action work)
    {
        lock (_gate)
        {
            if (_work is not null || _dismissed) return false;
            _work = work;
            Monitor.Pulse(_gate);
            return true;
        }
    }

    // The thread ends without running anything, unless it already has its work.
    public void Dismiss()
    {
        lock (_gate)
        {
            if (_work is not null) return;
            _dismissed = true;
            Monitor.Pulse(_gate);
        }
    }

    private void Wait()
    {
        Action? work;
        lock (_gate)
        {
            while (_work is null && !_dismissed) Monitor.Wait(_gate);
            work = _work;
        }
        work?.Invoke();
    }
}
