namespace Berth.Runtime.Shim;

// Blocking on a task from the shim's main thread. Task.Wait and GetAwaiter().GetResult() spin on sched_yield
// before they sleep, and the shim's main thread blocks at every step of a container's start and exit, on a machine
// where the other core is busy with that same start: this sleeps at once.
internal static class BlockingWait
{
    public static T Result<T>(Task<T> task)
    {
        Block(task, Timeout.InfiniteTimeSpan);
        return task.GetAwaiter().GetResult();
    }

    public static void Wait(Task task)
    {
        Block(task, Timeout.InfiniteTimeSpan);
        task.GetAwaiter().GetResult();
    }

    // false if the task did not end within the time.
    public static bool Block(Task task, TimeSpan timeout)
    {
        if (task.IsCompleted) return true;
        // Not disposed: after a timeout the continuation may still set it.
        var done = new ManualResetEventSlim(false, spinCount: 0);
        task.ContinueWith(static (_, state) => ((ManualResetEventSlim)state!).Set(), done,
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return done.Wait(timeout);
    }
}
