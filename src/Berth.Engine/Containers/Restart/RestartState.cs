namespace Berth.Engine.Containers.Restart;

// The restart manager of one container while the daemon runs: the current back-off delay, whether a user's stop
// cancelled restarts until the next user start, and the pending restart's cancellation.
public sealed class RestartState
{
    public TimeSpan Delay { get; set; }
    public bool Cancelled { get; set; }
    public CancellationTokenSource? Pending { get; set; }
}
