namespace Berth.Runtime.Shim;

// A shim lives as long as its container and mostly sleeps; what it allocated to get the container going is garbage
// from then on. Compacting collections hand those pages back, so a thousand idle shims cost a thousand small heaps
// rather than a thousand start-up high-water marks. They are full blocking collections of a millisecond or more, so
// they wait until the container has run for a moment: a container that ends at once (`run --rm busybox true`)
// does not wait for them on its way out, and a long-lived one pays for them once, after its start. The output
// thread runs them between reads, so no thread or timer is added for it.
internal sealed class StartupMemoryReturn
{
    private const int DelayMs = 200;
    private const int NotStartedPollMs = 250;
    private long _startedAt = -1;
    private bool _done;

    public void MarkStarted() => Volatile.Write(ref _startedAt, Environment.TickCount64);

    // How long the output thread may wait for output before it comes back here.
    public int WaitLimitMs
    {
        get
        {
            if (_done) return -1;
            var started = Volatile.Read(ref _startedAt);
            return started < 0 ? NotStartedPollMs : (int)Math.Clamp(started + DelayMs - Environment.TickCount64, 0, DelayMs);
        }
    }

    public void RunIfDue()
    {
        if (_done) return;
        var started = Volatile.Read(ref _startedAt);
        if (started < 0 || Environment.TickCount64 - started < DelayMs) return;
        _done = true;
        // Twice: the first promotes what start-up left in gen0 to gen1, the second moves it into gen2, so the gen1
        // region's pages are handed back too rather than kept for a few survivors.
        Collect();
        Collect();
    }

    private static void Collect() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
}
