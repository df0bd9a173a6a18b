using Berth.Api.Models.Containers;
using Berth.Engine.Containers.Restart;

namespace Berth.Engine.Tests.Containers;

public sealed class RestartPolicyTests
{
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(1);

    [Fact]
    public void Back_off_starts_at_100ms_and_doubles_per_consecutive_restart()
    {
        var delays = new List<double>();
        var delay = TimeSpan.Zero;
        for (var i = 0; i < 5; i++) delays.Add((delay = BackOff.Next(delay, Short)).TotalMilliseconds);
        Assert.Equal([100, 200, 400, 800, 1600], delays);
    }

    [Fact]
    public void Back_off_is_capped_at_one_minute()
    {
        var delay = TimeSpan.Zero;
        for (var i = 0; i < 20; i++) delay = BackOff.Next(delay, Short);
        Assert.Equal(TimeSpan.FromMinutes(1), delay);
        Assert.Equal(TimeSpan.FromMinutes(1), BackOff.Next(TimeSpan.FromSeconds(51.2), Short));
    }

    [Fact]
    public void A_run_of_ten_seconds_resets_the_back_off()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(100), BackOff.Next(TimeSpan.FromSeconds(25.6), TimeSpan.FromSeconds(10)));
        Assert.Equal(TimeSpan.FromMilliseconds(800), BackOff.Next(TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(9.9)));
    }

    [Theory]
    [InlineData("no", 1, false, 0, false)]
    [InlineData("", 1, false, 0, false)]
    [InlineData("always", 0, false, 5, true)]
    [InlineData("always", 0, true, 5, true)]
    [InlineData("unless-stopped", 0, false, 0, true)]
    [InlineData("unless-stopped", 1, true, 0, false)]
    [InlineData("on-failure", 0, false, 0, false)]
    [InlineData("on-failure", 3, false, 100, true)]
    public void Policies_decide_as_dockerd(string name, int exitCode, bool manuallyStopped, int count, bool restarts) =>
        Assert.Equal(restarts, RestartDecision.ShouldRestart(new RestartPolicy { Name = name }, exitCode, manuallyStopped, count));

    [Fact]
    public void On_failure_with_a_maximum_stops_after_that_many_restarts()
    {
        var policy = new RestartPolicy { Name = "on-failure", MaximumRetryCount = 2 };
        Assert.True(RestartDecision.ShouldRestart(policy, 3, false, 0));
        Assert.True(RestartDecision.ShouldRestart(policy, 3, false, 1));
        Assert.False(RestartDecision.ShouldRestart(policy, 3, false, 2));
        Assert.False(RestartDecision.ShouldRestart(policy, 0, false, 0));
    }

    [Fact]
    public void No_policy_is_no_restart() => Assert.False(RestartDecision.ShouldRestart(null, 1, false, 0));
}
