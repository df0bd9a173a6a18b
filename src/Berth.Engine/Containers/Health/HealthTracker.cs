using Berth.Api.Models.Containers;
using ApiHealth = Berth.Api.Models.Containers.Health;

namespace Berth.Engine.Containers.Health;

// dockerd's health state machine: a probe that exits 0 makes the container healthy and clears the failing streak;
// any other result adds to the streak (unless the container is still starting inside its start period), and a
// streak of `retries` makes it unhealthy. The log keeps the last five results.
public static class HealthTracker
{
    public const string Starting = "starting";
    public const string Healthy = "healthy";
    public const string Unhealthy = "unhealthy";
    public const string None = "none";
    public const int MaxLogEntries = 5;

    public static ApiHealth Begin(ApiHealth? previous) => new()
    {
        Status = Starting,
        FailingStreak = 0,
        Log = previous?.Log ?? [],
    };

    // Records one result; returns true when the status changed (dockerd then emits health_status).
    public static bool Apply(ApiHealth health, HealthcheckResult result, DateTime startedAt, DateTime probeStart, TimeSpan startPeriod, int retries)
    {
        var old = health.Status;
        var log = health.Log ??= [];
        log.Add(result);
        if (log.Count > MaxLogEntries) log.RemoveRange(0, log.Count - MaxLogEntries);
        if (result.ExitCode == 0)
        {
            health.FailingStreak = 0;
            health.Status = Healthy;
        }
        else if (!(health.Status == Starting && probeStart - startedAt < startPeriod))
        {
            health.FailingStreak++;
            if (health.FailingStreak >= retries) health.Status = Unhealthy;
        }
        return health.Status != old;
    }

    // "health: starting" and the plain word otherwise, as docker ps shows it after "Up X".
    public static string PsText(string? status) => status == Starting ? "health: starting" : status ?? None;

    public static bool IsValidFilter(string value) => value is Starting or Healthy or Unhealthy or None;
}
