using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Berth.Engine.Events;

// Fans engine events out to /events listeners and keeps the most recent ones so `since` can replay them.
public sealed class EventBus(TimeProvider clock, int historySize = 1024, int subscriberBuffer = 4096)
{
    private readonly object _gate = new();
    private readonly EngineEvent?[] _ring = new EngineEvent?[historySize];
    private int _next;
    private int _count;
    private readonly List<Channel<EngineEvent>> _subscribers = [];

    public TimeProvider Clock => clock;

    public int ListenerCount
    {
        get { lock (_gate) return _subscribers.Count; }
    }

    public long NowNano() => (clock.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;

    public EngineEvent Publish(string type, string action, string actorId, IReadOnlyDictionary<string, string>? attributes = null)
    {
        var e = new EngineEvent(type, action, actorId, attributes ?? new Dictionary<string, string>(), NowNano());
        Publish(e);
        return e;
    }

    public void Publish(EngineEvent e)
    {
        lock (_gate)
        {
            _ring[_next] = e;
            _next = (_next + 1) % _ring.Length;
            _count = Math.Min(_count + 1, _ring.Length);
            foreach (var sub in _subscribers)
            {
                // A listener that stopped reading is cut off rather than allowed to grow the daemon's memory.
                if (!sub.Writer.TryWrite(e))
                    sub.Writer.TryComplete(new InvalidOperationException("event listener too slow"));
            }
        }
    }

    // Replays the history between since and until (when either is given), then follows live events until
    // `until` passes or the caller cancels. Times are nanoseconds since the Unix epoch.
    public async IAsyncEnumerable<EngineEvent> ReadAsync(long? sinceNano, long? untilNano, EventFilter filter,
        [EnumeratorCancellation] CancellationToken cancel)
    {
        var channel = Channel.CreateBounded<EngineEvent>(new BoundedChannelOptions(subscriberBuffer) { SingleReader = true });
        List<EngineEvent> history;
        lock (_gate)
        {
            history = sinceNano is null && untilNano is null ? [] : Snapshot();
            _subscribers.Add(channel);
        }
        try
        {
            foreach (var e in history)
            {
                if (InWindow(e, sinceNano, untilNano) && filter.Matches(e))
                    yield return e;
            }
            var now = NowNano();
            if (untilNano is { } u && u <= now)
                yield break;

            using var window = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            if (untilNano is { } until)
                window.CancelAfter(TimeSpan.FromTicks((until - now) / 100 + 1));
            while (true)
            {
                EngineEvent e;
                try
                {
                    if (!await channel.Reader.WaitToReadAsync(window.Token).ConfigureAwait(false)) yield break;
                    if (!channel.Reader.TryRead(out e!)) continue;
                }
                catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
                {
                    yield break; // `until` reached
                }
                if (InWindow(e, sinceNano, untilNano) && filter.Matches(e))
                    yield return e;
            }
        }
        finally
        {
            lock (_gate) _subscribers.Remove(channel);
        }
    }

    private static bool InWindow(EngineEvent e, long? since, long? until) =>
        (since is null || e.TimeNano >= since) && (until is null || e.TimeNano <= until);

    private List<EngineEvent> Snapshot()
    {
        var list = new List<EngineEvent>(_count);
        var start = (_next - _count + _ring.Length) % _ring.Length;
        for (var i = 0; i < _count; i++)
            list.Add(_ring[(start + i) % _ring.Length]!);
        return list;
    }
}
