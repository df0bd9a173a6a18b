using Berth.Engine.Events;

namespace Berth.Engine.Tests.Events;

public class EventBusTests
{
    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Since_replays_history_and_a_past_until_ends_the_stream()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow.AddMinutes(-10));
        var bus = new EventBus(clock);
        var first = bus.Publish("container", "create", "a");
        clock.Now = clock.Now.AddSeconds(1);
        var second = bus.Publish("container", "start", "a");
        clock.Now = clock.Now.AddSeconds(1);
        bus.Publish("container", "die", "a");

        var seen = new List<string>();
        using var timeout = new CancellationTokenSource(Bound);
        await foreach (var e in bus.ReadAsync(first.TimeNano, second.TimeNano, EventFilter.All, timeout.Token))
            seen.Add(e.Action);

        Assert.Equal(["create", "start"], seen);
    }

    [Fact]
    public async Task Without_since_only_live_events_are_sent_and_filters_apply()
    {
        var bus = new EventBus(TimeProvider.System);
        bus.Publish("container", "old", "a");
        var filter = new EventFilter(new Dictionary<string, IReadOnlyList<string>> { ["type"] = ["image"] });
        using var timeout = new CancellationTokenSource(Bound);

        await using var reader = bus.ReadAsync(null, null, filter, timeout.Token).GetAsyncEnumerator(timeout.Token);
        var next = reader.MoveNextAsync().AsTask();
        // The reader subscribes on its first MoveNext; publish until it has.
        while (bus.ListenerCount == 0) await Task.Yield();
        bus.Publish("container", "start", "a");
        bus.Publish("image", "pull", "busybox:latest");

        Assert.True(await next);
        Assert.Equal("pull", reader.Current.Action);
        Assert.Equal("busybox:latest", reader.Current.ActorId);
    }

    [Fact]
    public async Task The_history_keeps_only_the_newest_events()
    {
        var bus = new EventBus(TimeProvider.System, historySize: 3);
        for (var i = 0; i < 5; i++) bus.Publish("container", "a" + i, "x");

        var seen = new List<string>();
        await foreach (var e in bus.ReadAsync(0, bus.NowNano(), EventFilter.All, CancellationToken.None))
            seen.Add(e.Action);

        Assert.Equal(["a2", "a3", "a4"], seen);
    }

    [Fact]
    public async Task A_future_until_ends_the_stream_when_it_passes()
    {
        var bus = new EventBus(TimeProvider.System);
        using var timeout = new CancellationTokenSource(Bound);
        var until = bus.NowNano() + 200_000_000;

        await foreach (var _ in bus.ReadAsync(null, until, EventFilter.All, timeout.Token)) { }

        Assert.False(timeout.IsCancellationRequested);
        Assert.Equal(0, bus.ListenerCount);
    }
}
