namespace Berth.Engine;

// Disk work that no client waits for, done in order on one thread of its own: flushing records that have already
// been replaced atomically, and deleting directories that have already left the store. A thread, not the thread
// pool: fsync and rm -rf block for milliseconds, and a burst of them must not starve the pool the API runs on.
// Normal priority, although its unlinks and unmounts can hold a core for a millisecond in the kernel: at nice 19
// it fell behind under load, and the replaced records it is to close stayed open (238 descriptors after 180
// create/start/stop/rm cycles in CI). A Monitor, not a BlockingCollection, whose SemaphoreSlim spins on
// sched_yield before it sleeps.
internal sealed class DeferredDiskWork
{
    private readonly Queue<Action> _queue = new();
    private bool _closed;
    private readonly Action<string> _log;
    private readonly Thread _thread;

    public DeferredDiskWork(Action<string> log)
    {
        _log = log;
        _thread = new Thread(Run) { IsBackground = true, Name = "berth deferred disk work" };
        _thread.Start();
    }

    public void Enqueue(Action work)
    {
        lock (_queue)
        {
            if (!_closed)
            {
                _queue.Enqueue(work);
                Monitor.Pulse(_queue);
                return;
            }
        }
        work();   // after Drain (the daemon is stopping): done at once instead
    }

    // fsync of a file renamed into place earlier; a file removed since needs nothing.
    public void Flush(string path) => Enqueue(() =>
    {
        try
        {
            using var f = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
            f.Flush(flushToDisk: true);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException) { }
    });

    // At shutdown: what is queued is done (bounded), so a stopped daemon leaves no half-deleted directory behind.
    public void Drain(TimeSpan timeout)
    {
        lock (_queue)
        {
            _closed = true;
            Monitor.Pulse(_queue);
        }
        if (!_thread.Join(timeout)) _log("deferred disk work did not finish before shutdown; the next start completes it");
    }

    private void Run()
    {
        while (true)
        {
            Action work;
            lock (_queue)
            {
                while (_queue.Count == 0 && !_closed) Monitor.Wait(_queue);
                if (_queue.Count == 0) return;
                work = _queue.Dequeue();
            }
            try { work(); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or Berth.Linux.LinuxException or Berth.Linux.Native.SyscallException) { _log(e.Message); }
        }
    }
}
