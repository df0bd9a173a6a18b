using System.Text;
using Berth.Api.Models.Containers;
using Berth.Engine.Containers.Health;
using ApiHealth = Berth.Api.Models.Containers.Health;
using ImageHealthcheck = Berth.Oci.Image.HealthcheckConfig;

namespace Berth.Engine.Tests.Containers;

public sealed class HealthCheckTests
{
    private static readonly DateTime Started = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static HealthcheckResult Exit(int code) => new() { ExitCode = code, Output = code.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    [Fact]
    public void Starting_becomes_unhealthy_after_retries_failures_and_healthy_on_one_success()
    {
        var h = HealthTracker.Begin(null);
        Assert.Equal("starting", h.Status);
        Assert.False(HealthTracker.Apply(h, Exit(1), Started, Started.AddSeconds(1), TimeSpan.Zero, 3));
        Assert.False(HealthTracker.Apply(h, Exit(1), Started, Started.AddSeconds(2), TimeSpan.Zero, 3));
        Assert.Equal(("starting", 2), (h.Status, h.FailingStreak));
        Assert.True(HealthTracker.Apply(h, Exit(1), Started, Started.AddSeconds(3), TimeSpan.Zero, 3));
        Assert.Equal(("unhealthy", 3), (h.Status, h.FailingStreak));
        Assert.True(HealthTracker.Apply(h, Exit(0), Started, Started.AddSeconds(4), TimeSpan.Zero, 3));
        Assert.Equal(("healthy", 0), (h.Status, h.FailingStreak));
        // A healthy container stays healthy until the streak reaches the retries.
        Assert.False(HealthTracker.Apply(h, Exit(2), Started, Started.AddSeconds(5), TimeSpan.Zero, 2));
        Assert.Equal(("healthy", 1), (h.Status, h.FailingStreak));
        Assert.True(HealthTracker.Apply(h, Exit(-1), Started, Started.AddSeconds(6), TimeSpan.Zero, 2));
        Assert.Equal("unhealthy", h.Status);
    }

    [Fact]
    public void Failures_in_the_start_period_do_not_count_while_starting()
    {
        var h = HealthTracker.Begin(null);
        var period = TimeSpan.FromSeconds(10);
        for (var i = 1; i <= 5; i++) HealthTracker.Apply(h, Exit(1), Started, Started.AddSeconds(i), period, 1);
        Assert.Equal(("starting", 0), (h.Status, h.FailingStreak));
        Assert.True(HealthTracker.Apply(h, Exit(1), Started, Started.AddSeconds(10), period, 1));
        Assert.Equal(("unhealthy", 1), (h.Status, h.FailingStreak));
    }

    [Fact]
    public void Failures_in_the_start_period_count_once_healthy()
    {
        var h = HealthTracker.Begin(null);
        var period = TimeSpan.FromSeconds(10);
        HealthTracker.Apply(h, Exit(0), Started, Started.AddSeconds(1), period, 1);
        Assert.True(HealthTracker.Apply(h, Exit(1), Started, Started.AddSeconds(2), period, 1));
        Assert.Equal("unhealthy", h.Status);
    }

    [Fact]
    public void The_log_keeps_the_last_five_results_and_a_new_run_keeps_it_but_starts_over()
    {
        var h = HealthTracker.Begin(null);
        for (var i = 0; i < 7; i++) HealthTracker.Apply(h, Exit(i), Started, Started.AddSeconds(i), TimeSpan.Zero, 3);
        Assert.Equal(["2", "3", "4", "5", "6"], h.Log!.Select(r => r.Output!));
        var next = HealthTracker.Begin(h);
        Assert.Equal(("starting", 0, 5), (next.Status, next.FailingStreak, next.Log!.Count));
    }

    [Theory]
    [InlineData("starting", "health: starting")]
    [InlineData("healthy", "healthy")]
    [InlineData("unhealthy", "unhealthy")]
    public void Ps_shows_the_status_as_docker(string status, string text) => Assert.Equal(text, HealthTracker.PsText(status));

    [Fact]
    public void Settings_fill_in_dockerd_defaults_and_wrap_cmd_shell_in_the_shell()
    {
        var s = HealthSettings.Of(new ContainerConfig { Healthcheck = new HealthConfig { Test = ["CMD-SHELL", "test -f /tmp/ok"] } })!;
        Assert.Equal(["/bin/sh", "-c", "test -f /tmp/ok"], s.Command!);
        Assert.Equal((TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30), TimeSpan.Zero, TimeSpan.FromSeconds(5), 3),
            (s.Interval, s.Timeout, s.StartPeriod, s.StartInterval, s.Retries));

        var custom = HealthSettings.Of(new ContainerConfig
        {
            Shell = ["/bin/ash", "-ec"],
            Healthcheck = new HealthConfig { Test = ["CMD-SHELL", "true"], Interval = 100_000_000, Timeout = 2_000_000_000, Retries = 1, StartPeriod = 1_000_000_000 },
        })!;
        Assert.Equal(["/bin/ash", "-ec", "true"], custom.Command!);
        Assert.Equal((TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), 1), (custom.Interval, custom.Timeout, custom.StartPeriod, custom.Retries));

        Assert.Equal(["cat", "/x"], HealthSettings.Of(new ContainerConfig { Healthcheck = new HealthConfig { Test = ["CMD", "cat", "/x"] } })!.Command!);
    }

    [Fact]
    public void None_or_no_test_means_no_probe()
    {
        Assert.Null(HealthSettings.Of(new ContainerConfig { Healthcheck = new HealthConfig { Test = ["NONE"] } }));
        Assert.Null(HealthSettings.Of(new ContainerConfig { Healthcheck = new HealthConfig() }));
        Assert.Null(HealthSettings.Of(new ContainerConfig()));
    }

    [Fact]
    public void The_start_interval_applies_only_while_starting_in_the_start_period()
    {
        var s = new HealthSettings(["true"], TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1), 3);
        Assert.Equal(TimeSpan.FromSeconds(1), s.NextDelay(TimeSpan.FromSeconds(2), "starting"));
        Assert.Equal(TimeSpan.FromSeconds(30), s.NextDelay(TimeSpan.FromSeconds(2), "healthy"));
        Assert.Equal(TimeSpan.FromSeconds(30), s.NextDelay(TimeSpan.FromSeconds(11), "starting"));
    }

    [Fact]
    public void Output_is_cut_at_4096_bytes_with_dots()
    {
        var o = new ProbeOutput();
        o.Write(Encoding.UTF8.GetBytes(new string('a', 4000)));
        o.Write(Encoding.UTF8.GetBytes(new string('b', 200)));
        var text = o.ToString();
        Assert.Equal(4096 + 3, text.Length);
        Assert.EndsWith("bbb...", text);
        var small = new ProbeOutput();
        small.Write("ok\n"u8);
        Assert.Equal("ok\n", small.ToString());
    }

    [Theory]
    [InlineData(100, "100ms")]
    [InlineData(30_000, "30s")]
    [InlineData(1_500, "1.5s")]
    [InlineData(90_000, "1m30s")]
    [InlineData(3_600_000, "1h0m0s")]
    public void Durations_read_as_go_prints_them(int milliseconds, string text) =>
        Assert.Equal(text, GoDurationText.Of(TimeSpan.FromMilliseconds(milliseconds)));

    [Fact]
    public void The_image_healthcheck_fills_what_the_request_leaves_unset()
    {
        var image = new ImageHealthcheck { Test = ["CMD", "true"], Interval = 5, Timeout = 6, Retries = 7 };
        var merged = HealthConfigMerge.Merge(new HealthConfig { Interval = 1 }, image)!;
        Assert.Equal(["CMD", "true"], merged.Test!);
        Assert.Equal((1L, 6L, 7), (merged.Interval, merged.Timeout, merged.Retries));
        Assert.Equal(["CMD", "true"], HealthConfigMerge.Merge(null, image)!.Test!);
        Assert.Equal(["NONE"], HealthConfigMerge.Merge(new HealthConfig { Test = ["NONE"] }, image)!.Test!);
        Assert.Null(HealthConfigMerge.Merge(null, null));
    }
}
