using Berth.Engine.Networks;

namespace Berth.Engine.Tests.Networks;

public sealed class NetworkFilterTests
{
    private static readonly NetworkRecord Custom = new()
    {
        Id = "abcdef0123", Name = "front-end", Driver = "bridge", Created = "2026-01-02T03:04:05Z", Labels = new() { ["env"] = "prod" },
    };
    private static readonly NetworkRecord Default = new() { Id = "99887766", Name = "bridge", Driver = "bridge", Created = "2026-01-01T00:00:00Z", IsDefaultBridge = true };

    private static bool List(NetworkRecord r, bool used, params (string Key, string Value)[] filters) =>
        NetworkFilter.ForList(filters.GroupBy(f => f.Key).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(f => f.Value).ToList())).Matches(r, used);

    [Fact]
    public void Matches_as_dockerd_does()
    {
        Assert.True(List(Custom, false, ("name", "front")));
        Assert.False(List(Custom, false, ("name", "^back")));
        Assert.True(List(Custom, false, ("id", "abc")));
        Assert.False(List(Custom, false, ("id", "bcd")));
        Assert.True(List(Custom, false, ("label", "env=prod")));
        Assert.False(List(Custom, false, ("label", "env=dev")));
        Assert.True(List(Custom, false, ("type", "custom")));
        Assert.False(List(Default, false, ("type", "custom")));
        Assert.True(List(Custom, false, ("dangling", "true")));
        Assert.False(List(Custom, true, ("dangling", "true")));
        Assert.False(List(Default, false, ("dangling", "true")));
        Assert.True(List(Custom, false, ("driver", "bridge"), ("driver", "host")));
    }

    [Fact]
    public void Prune_until_keeps_newer_networks_and_unknown_keys_are_refused()
    {
        var filter = NetworkFilter.ForPrune(new Dictionary<string, IReadOnlyList<string>> { ["until"] = ["2026-01-02T00:00:00Z"] });
        Assert.False(filter.Matches(Custom, false));
        Assert.Equal(400, Assert.Throws<NetworkException>(() => NetworkFilter.ForPrune(new Dictionary<string, IReadOnlyList<string>> { ["name"] = ["x"] })).Status);
        Assert.Equal(400, Assert.Throws<NetworkException>(() => NetworkFilter.ForList(new Dictionary<string, IReadOnlyList<string>> { ["type"] = ["odd"] })).Status);
    }
}
