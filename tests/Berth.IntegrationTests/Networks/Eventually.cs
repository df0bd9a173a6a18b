using System.Diagnostics;

namespace Berth.IntegrationTests.Networks;

// Polls a condition until it holds or a deadline passes: a server in a container starts listening a moment after
// `run -d` returns, and nothing tells the host when.
public static class Eventually
{
    public static T Get<T>(Func<T?> attempt, string what, double seconds = 20) where T : class
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (attempt() is { } value) return value;
            if (clock.Elapsed.TotalSeconds > seconds) throw new Xunit.Sdk.XunitException($"timed out after {seconds}s waiting for {what}");
            Thread.Yield();
        }
    }
}
