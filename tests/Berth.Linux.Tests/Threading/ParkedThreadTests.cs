using Berth.Linux.Threading;

namespace Berth.Linux.Tests.Threading;

public class ParkedThreadTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    [Fact]
    public void Work_handed_over_runs_on_the_parked_thread()
    {
        var parked = new ParkedThread("test-parked");
        using var ran = new ManualResetEventSlim();
        string? name = null;
        Assert.True(parked.TryRun(() => { name = Thread.CurrentThread.Name; ran.Set(); }));
        Assert.True(ran.Wait(Limit));
        Assert.Equal("test-parked", name);
    }

    [Fact]
    public void A_parked_thread_takes_one_piece_of_work()
    {
        var parked = new ParkedThread("test-parked");
        using var ran = new ManualResetEventSlim();
        Assert.True(parked.TryRun(ran.Set));
        Assert.False(parked.TryRun(() => { }));
        Assert.True(ran.Wait(Limit));
    }

    [Fact]
    public void A_dismissed_thread_runs_nothing()
    {
        var parked = new ParkedThread("test-parked");
        parked.Dismiss();
        Assert.False(parked.TryRun(() => { }));
    }

    [Fact]
    public void Dismissing_a_thread_that_has_its_work_does_not_cancel_it()
    {
        var parked = new ParkedThread("test-parked");
        using var release = new ManualResetEventSlim();
        using var ran = new ManualResetEventSlim();
        Assert.True(parked.TryRun(() => { release.Wait(Limit); ran.Set(); }));
        parked.Dismiss();
        release.Set();
        Assert.True(ran.Wait(Limit));
    }
}
