using System.Diagnostics;
using Berth.IntegrationTests.Infrastructure;

namespace Berth.IntegrationTests.Containers;

// Restart policies and health checks through the real docker CLI, daemon crashes included.
public sealed class RestartAndHealthTests
{
    [SkippableFact]
    public void On_failure_with_a_maximum_restarts_that_many_times_then_stays_exited()
    {
        using var e = new ContainerEngine();
        e.Docker("run", "--name", "flaky", "--restart", "on-failure:2", "busybox", "sh", "-c", "exit 3").ExpectExit(3);
        // It is restarting or running until the second restart has ended; only then is it exited.
        var state = Poll(() => Inspect(e, "flaky"), s => s.StartsWith("exited", StringComparison.Ordinal));
        Assert.Equal("exited 3 2", state);
    }

    [SkippableFact]
    public void On_failure_does_not_restart_a_clean_exit()
    {
        using var e = new ContainerEngine();
        e.Docker("run", "--name", "clean", "--restart", "on-failure", "busybox", "true").EnsureSuccess();
        Assert.Equal("exited 0 0", Poll(() => Inspect(e, "clean"), s => s.StartsWith("exited", StringComparison.Ordinal)));
    }

    [SkippableFact]
    public void Always_restarts_an_ended_process_and_a_stop_keeps_it_stopped()
    {
        using var e = new ContainerEngine();
        // Each run waits for /tmp/go in its own fresh process, so the test decides when a run ends.
        e.Docker("run", "-d", "--name", "keeper", "--restart", "always", "busybox", "sh", "-c",
            "while [ ! -e /tmp/go ]; do sleep 0.05; done; rm /tmp/go; exit 1").EnsureSuccess();
        var firstPid = e.Docker("inspect", "keeper", "--format", "{{.State.Pid}}").EnsureSuccess().Stdout.Trim();
        e.Docker("exec", "keeper", "touch", "/tmp/go").EnsureSuccess();
        Poll(() => e.Docker("inspect", "keeper", "--format", "{{.State.Status}} {{.RestartCount}} {{.State.Pid}}").EnsureSuccess().Stdout.Trim(),
            s => s.StartsWith("running 1 ", StringComparison.Ordinal) && !s.EndsWith(" " + firstPid, StringComparison.Ordinal));

        var events = e.Docker("events", "--since", "0", "--until", DateTimeOffset.UtcNow.AddSeconds(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--filter", "container=keeper", "--filter", "event=start", "--filter", "event=die", "--format", "{{.Action}}").EnsureSuccess();
        Assert.Equal("start\ndie\nstart\n", events.Stdout);

        e.Docker("stop", "-t", "1", "keeper").EnsureSuccess();
        Assert.Equal("exited", e.Docker("inspect", "keeper", "--format", "{{.State.Status}}").EnsureSuccess().Stdout.Trim());
        // No restart is pending: a wait for the next exit of a container that never starts again would hang, so
        // check that it is still exited after a delay that exceeds the first back-off many times over.
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(1)) Assert.Equal("exited", e.Docker("inspect", "keeper", "--format", "{{.State.Status}}").EnsureSuccess().Stdout.Trim());
    }

    [SkippableFact]
    public void A_stop_cancels_a_pending_restart()
    {
        using var e = new ContainerEngine();
        e.Docker("run", "-d", "--name", "crashy", "--restart", "always", "busybox", "sh", "-c", "exit 2").EnsureSuccess();
        // The back-off doubles each time (100 ms first): from the fourth restart on it waits over a second, long
        // enough for the checks below to see one and the same pending restart.
        Poll(() => e.Docker("inspect", "crashy", "--format", "{{.State.Status}} {{.RestartCount}}").EnsureSuccess().Stdout.Trim(),
            s => s.StartsWith("restarting ", StringComparison.Ordinal) && int.Parse(s.Split(' ')[1]) >= 4);
        var status = e.Docker("ps", "-a", "--filter", "name=crashy", "--format", "{{.Status}}").EnsureSuccess().Stdout.Trim();
        Assert.True(status.StartsWith("Restarting (2) ", StringComparison.Ordinal) && status.EndsWith(" ago", StringComparison.Ordinal), status);
        Assert.Equal("restarting true true", e.Docker("inspect", "crashy", "--format", "{{.State.Status}} {{.State.Running}} {{.State.Restarting}}").EnsureSuccess().Stdout.Trim());
        e.Docker("stop", "crashy").EnsureSuccess();
        var after = e.Docker("inspect", "crashy", "--format", "{{.State.Status}} {{.State.Restarting}} {{.RestartCount}}").EnsureSuccess().Stdout.Trim();
        Assert.StartsWith("exited false ", after);
        var count = after.Split(' ')[2];
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(1))
            Assert.Equal(after, e.Docker("inspect", "crashy", "--format", "{{.State.Status}} {{.State.Restarting}} {{.RestartCount}}").EnsureSuccess().Stdout.Trim());
        // A user's start begins again from a count of zero.
        e.Docker("start", "crashy").EnsureSuccess();
        Assert.NotEqual("0", count);
        e.Docker("rm", "-f", "crashy").EnsureSuccess();
    }

    [SkippableFact]
    public void Always_and_unless_stopped_come_back_after_a_daemon_crash_but_not_a_user_stopped_unless_stopped()
    {
        using var e = new ContainerEngine();
        e.Docker("run", "-d", "--name", "running-us", "--restart", "unless-stopped", "busybox", "sleep", "1000").EnsureSuccess();
        e.Docker("run", "-d", "--name", "stopped-always", "--restart", "always", "busybox", "sleep", "1000").EnsureSuccess();
        e.Docker("run", "-d", "--name", "stopped-us", "--restart", "unless-stopped", "busybox", "sleep", "1000").EnsureSuccess();
        e.Docker("stop", "-t", "0", "stopped-always", "stopped-us").EnsureSuccess();
        var pid = e.Docker("inspect", "running-us", "--format", "{{.State.Pid}}").EnsureSuccess().Stdout.Trim();

        e.CrashAndRestart();
        Assert.Equal("running " + pid, e.Docker("inspect", "running-us", "--format", "{{.State.Status}} {{.State.Pid}}").EnsureSuccess().Stdout.Trim());
        Poll(() => e.Docker("inspect", "stopped-always", "--format", "{{.State.Status}}").EnsureSuccess().Stdout.Trim(), s => s == "running");
        Assert.Equal("exited", e.Docker("inspect", "stopped-us", "--format", "{{.State.Status}}").EnsureSuccess().Stdout.Trim());

        // The container that kept running is still supervised by the new daemon: its end restarts it.
        Command.Run("/", "/bin/kill", ["-KILL", pid]).EnsureSuccess();
        Poll(() => e.Docker("inspect", "running-us", "--format", "{{.State.Status}} {{.RestartCount}} {{.State.Pid}}").EnsureSuccess().Stdout.Trim(),
            s => s.StartsWith("running 1 ", StringComparison.Ordinal) && !s.EndsWith(" " + pid, StringComparison.Ordinal));
    }

    [SkippableFact]
    public void Health_goes_from_starting_to_unhealthy_and_to_healthy_once_the_probe_passes()
    {
        using var e = new ContainerEngine();
        e.Docker("run", "-d", "--name", "probed", "--health-cmd", "test -f /tmp/ok", "--health-interval", "100ms", "--health-retries", "2",
            "busybox", "sleep", "1000").EnsureSuccess();
        var first = e.Docker("inspect", "probed", "--format", "{{.State.Health.Status}}").EnsureSuccess().Stdout.Trim();
        Assert.Contains(first, new[] { "starting", "unhealthy" });
        Poll(() => e.Docker("inspect", "probed", "--format", "{{.State.Health.Status}} {{.State.Health.FailingStreak}}").EnsureSuccess().Stdout.Trim(),
            s => s.StartsWith("unhealthy ", StringComparison.Ordinal));
        Assert.EndsWith("(unhealthy)", e.Docker("ps", "--filter", "health=unhealthy", "--format", "{{.Names}} {{.Status}}").EnsureSuccess().Stdout.Trim());
        Assert.Equal("", e.Docker("ps", "--filter", "health=healthy", "-q").EnsureSuccess().Stdout);

        e.Docker("exec", "probed", "touch", "/tmp/ok").EnsureSuccess();
        Poll(() => e.Docker("inspect", "probed", "--format", "{{.State.Health.Status}} {{.State.Health.FailingStreak}}").EnsureSuccess().Stdout.Trim(),
            s => s == "healthy 0");
        Assert.StartsWith("probed Up ", e.Docker("ps", "--filter", "health=healthy", "--format", "{{.Names}} {{.Status}}").EnsureSuccess().Stdout);
        Assert.EndsWith("(healthy)", e.Docker("ps", "--filter", "health=healthy", "--format", "{{.Status}}").EnsureSuccess().Stdout.Trim());
        var log = e.Docker("inspect", "probed", "--format", "{{range .State.Health.Log}}{{.ExitCode}}{{end}}").EnsureSuccess().Stdout.Trim();
        Assert.InRange(log.Length, 2, 5);
        Assert.EndsWith("0", log);

        var until = DateTimeOffset.UtcNow.AddSeconds(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var health = e.Docker("events", "--since", "0", "--until", until, "--filter", "event=health_status", "--format", "{{.Action}} {{.Actor.Attributes.name}}").EnsureSuccess();
        Assert.Equal("health_status: unhealthy probed\nhealth_status: healthy probed\n", health.Stdout);
        var execs = e.Docker("events", "--since", "0", "--until", until, "--filter", "event=exec_create", "--format", "{{.Action}}").EnsureSuccess();
        Assert.Contains("exec_create: /bin/sh -c test -f /tmp/ok\n", execs.Stdout);
    }

    [SkippableFact]
    public void A_probe_past_its_timeout_is_killed_and_fails()
    {
        using var e = new ContainerEngine();
        e.Docker("run", "-d", "--name", "slow", "--health-cmd", "echo partial; exec sleep 100", "--health-interval", "100ms",
            "--health-timeout", "200ms", "--health-retries", "1", "busybox", "sleep", "1000").EnsureSuccess();
        Poll(() => e.Docker("inspect", "slow", "--format", "{{.State.Health.Status}}").EnsureSuccess().Stdout.Trim(), s => s == "unhealthy");
        var last = e.Docker("inspect", "slow", "--format", "{{(index .State.Health.Log 0).ExitCode}}|{{json (index .State.Health.Log 0).Output}}").EnsureSuccess().Stdout.Trim();
        Assert.Equal("-1|\"Health check exceeded timeout (200ms): partial\\n\"", last);
        // The probe was killed (SIGKILL: 137), not left to finish its 100 seconds.
        var until = DateTimeOffset.UtcNow.AddSeconds(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var died = e.Docker("events", "--since", "0", "--until", until, "--filter", "event=exec_die", "--format", "{{.Actor.Attributes.exitCode}}").EnsureSuccess();
        Assert.StartsWith("137\n", died.Stdout);
    }

    [SkippableFact]
    public void Health_monitoring_resumes_after_a_daemon_crash()
    {
        using var e = new ContainerEngine();
        e.Docker("run", "-d", "--name", "watched", "--health-cmd", "test -f /tmp/ok", "--health-interval", "100ms", "--health-retries", "1",
            "busybox", "sh", "-c", "touch /tmp/ok; exec sleep 1000").EnsureSuccess();
        Poll(() => e.Docker("inspect", "watched", "--format", "{{.State.Health.Status}}").EnsureSuccess().Stdout.Trim(), s => s == "healthy");
        e.CrashAndRestart();
        Assert.Equal("healthy", e.Docker("inspect", "watched", "--format", "{{.State.Health.Status}}").EnsureSuccess().Stdout.Trim());
        e.Docker("exec", "watched", "rm", "/tmp/ok").EnsureSuccess();
        Poll(() => e.Docker("inspect", "watched", "--format", "{{.State.Health.Status}}").EnsureSuccess().Stdout.Trim(), s => s == "unhealthy");
    }

    [SkippableFact]
    public void No_healthcheck_and_a_bad_health_filter()
    {
        using var e = new ContainerEngine();
        e.Docker("run", "-d", "--name", "plain", "busybox", "sleep", "1000").EnsureSuccess();
        Assert.Equal("<nil>", e.Docker("inspect", "plain", "--format", "{{.State.Health}}").EnsureSuccess().Stdout.Trim());
        Assert.Equal("plain", e.Docker("ps", "--filter", "health=none", "--format", "{{.Names}}").EnsureSuccess().Stdout.Trim());
        var bad = e.Docker("ps", "--filter", "health=sick");
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("Unrecognised filter value for health: sick", bad.Stderr);
    }

    private static string Inspect(ContainerEngine e, string name) =>
        e.Docker("inspect", name, "--format", "{{.State.Status}} {{.State.ExitCode}} {{.RestartCount}}").EnsureSuccess().Stdout.Trim();

    private static string Poll(Func<string> read, Func<string, bool> done)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = read();
            if (done(value)) return value;
            if (clock.Elapsed > TimeSpan.FromSeconds(20)) throw new Xunit.Sdk.XunitException($"never satisfied; last: {value}");
            Thread.Yield();
        }
    }
}
