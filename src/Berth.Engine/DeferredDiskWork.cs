using System.Collections.Concurrent;

namespace Berth.Engine;

// Disk work that no client waits for, done in order on one thread of its own: flushing records that have already
// been replaced atomically, and deleting directories that have already left the store. A thread, not the thread
// pool: fsync and rm -rf block for milliseconds, and a burst of them must not starve the pool the API runs on.
internal sealed class DeferredDiskWork
{
    private readonly BlockingCollection<Action> _queue = new();
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
        try { _queue.Add(work); }
        catch (InvalidOperationException) { work(); }   // after Drain (the daemon is stopping): done at once instead
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
        _queue.CompleteAdding();
        if (!_thread.Join(timeout)) _log("deferred disk work did not finish before shutdown; the next start completes it");
    }

    private void Run()
    {
        foreach (var work in _queue.GetConsumingEnumerable())
        {
            try { work(); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or Berth.Linux.LinuxException or Berth.Linux.Native.SyscallException) { _log(e.Message); }
        }
    }
}
