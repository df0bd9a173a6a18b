using Berth.Api.Models.Containers;

namespace Berth.Engine.Containers.Health;

// A container's health check with dockerd's defaults filled in: interval 30 s, timeout 30 s, start interval 5 s,
// 3 retries, no start period. Command is what runs inside the container (null: no probe, for NONE or no test).
public sealed record HealthSettings(IReadOnlyList<string>? Command, TimeSpan Interval, TimeSpan Timeout, TimeSpan StartPeriod, TimeSpan StartInterval, int Retries)
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DefaultStartInterval = TimeSpan.FromSeconds(5);
    public const int DefaultRetries = 3;

    // The shell of CMD-SHELL when the container names none.
    private static readonly string[] DefaultShell = ["/bin/sh", "-c"];

    public static HealthSettings? Of(ContainerConfig config)
    {
        var h = config.Healthcheck;
        if (h?.Test is not { Count: > 0 } test) return null;
        List<string>? command = test[0] switch
        {
            "CMD" => test.Skip(1).ToList(),
            "CMD-SHELL" => [.. (config.Shell is { Count: > 0 } shell ? shell : (IEnumerable<string>)DefaultShell), .. test.Skip(1)],
            _ => null, // NONE, or a form dockerd ignores as well
        };
        if (command is not { Count: > 0 }) return null;
        return new HealthSettings(command,
            Duration(h.Interval, DefaultInterval),
            Duration(h.Timeout, DefaultTimeout),
            Duration(h.StartPeriod, TimeSpan.Zero),
            Duration(h.StartInterval, DefaultStartInterval),
            h.Retries is > 0 and var r ? r : DefaultRetries);
    }

    private static TimeSpan Duration(long? nanoseconds, TimeSpan fallback) =>
        nanoseconds is > 0 and var n ? TimeSpan.FromTicks(n / 100) : fallback;

    // During the start period, while the container is still starting, probes come every start interval.
    public TimeSpan NextDelay(TimeSpan sinceStart, string status) =>
        sinceStart < StartPeriod && status == HealthTracker.Starting ? StartInterval : Interval;
}
