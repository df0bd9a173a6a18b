namespace Berth.Engine.Containers.Restart;

// dockerd's restart delay: 100 ms for the first restart, doubled for each consecutive one, at most a minute, and
// back to 100 ms once a run lasted 10 seconds or more (a container that ran that long is not crash-looping).
public static class BackOff
{
    public static readonly TimeSpan Initial = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan Max = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan ResetAfter = TimeSpan.FromSeconds(10);

    // previous: the delay before the last restart (zero when there was none); ranFor: how long the run that just
    // ended lasted.
    public static TimeSpan Next(TimeSpan previous, TimeSpan ranFor)
    {
        if (ranFor >= ResetAfter) previous = TimeSpan.Zero;
        var next = previous == TimeSpan.Zero ? Initial : previous < Max ? previous * 2 : previous;
        return next > Max ? Max : next;
    }
}
