using Berth.Engine.Volumes;

namespace Berth.Engine.Tests.Volumes;

public sealed class VolumeFilterTests
{
    private static readonly VolumeRecord Web = new() { Name = "web-data", Labels = new() { ["env"] = "prod", ["tier"] = "web" } };
    private static readonly VolumeRecord Anon = new() { Name = new string('a', 64), Labels = new() { [VolumeService.AnonymousLabel] = "" } };

    private static Dictionary<string, IReadOnlyList<string>> F(params (string Key, string Value)[] terms) =>
        terms.GroupBy(t => t.Key).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(t => t.Value).ToList());

    [Fact]
    public void Name_is_an_unanchored_regular_expression()
    {
        Assert.True(VolumeFilter.ForList(F(("name", "data"))).Matches(Web, false));
        Assert.True(VolumeFilter.ForList(F(("name", "^web"))).Matches(Web, false));
        Assert.False(VolumeFilter.ForList(F(("name", "^data"))).Matches(Web, false));
        Assert.True(VolumeFilter.ForList(F(("name", "nope"), ("name", "web"))).Matches(Web, false));
    }

    [Fact]
    public void Labels_all_match_by_key_or_key_and_value()
    {
        Assert.True(VolumeFilter.ForList(F(("label", "env"))).Matches(Web, false));
        Assert.True(VolumeFilter.ForList(F(("label", "env=prod"), ("label", "tier"))).Matches(Web, false));
        Assert.False(VolumeFilter.ForList(F(("label", "env=dev"))).Matches(Web, false));
        Assert.False(VolumeFilter.ForList(F(("label", "env"), ("label", "missing"))).Matches(Web, false));
        Assert.False(VolumeFilter.ForList(F(("label", "env"))).Matches(Anon, false));
    }

    [Fact]
    public void Dangling_means_no_container_refers_to_it()
    {
        var dangling = VolumeFilter.ForList(F(("dangling", "true")));
        Assert.True(dangling.Matches(Web, inUse: false));
        Assert.False(dangling.Matches(Web, inUse: true));
        var used = VolumeFilter.ForList(F(("dangling", "0")));
        Assert.True(used.Matches(Web, inUse: true));
        Assert.False(used.Matches(Web, inUse: false));
    }

    [Fact]
    public void Driver_matches_exactly()
    {
        Assert.True(VolumeFilter.ForList(F(("driver", "local"))).Matches(Web, false));
        Assert.False(VolumeFilter.ForList(F(("driver", "loc"))).Matches(Web, false));
    }

    [Fact]
    public void Prune_knows_all_and_negated_labels()
    {
        var f = VolumeFilter.ForPrune(F(("all", "true"), ("label!", "env=prod")));
        Assert.True(f.All);
        Assert.False(f.Matches(Web, false));
        Assert.True(f.Matches(Anon, false));
        Assert.False(VolumeFilter.ForPrune(F()).All);
    }

    [Fact]
    public void Unknown_keys_and_bad_booleans_are_refused_as_dockerd_does()
    {
        Assert.Equal("invalid filter 'until'", Assert.Throws<ArgumentException>(() => VolumeFilter.ForList(F(("until", "1h")))).Message);
        Assert.Equal("invalid filter 'dangling'", Assert.Throws<ArgumentException>(() => VolumeFilter.ForPrune(F(("dangling", "true")))).Message);
        Assert.Equal("invalid filter 'dangling=maybe'", Assert.Throws<ArgumentException>(() => VolumeFilter.ForList(F(("dangling", "maybe")))).Message);
        Assert.Equal("invalid filter 'all=x'", Assert.Throws<ArgumentException>(() => VolumeFilter.ForPrune(F(("all", "x")))).Message);
    }
}
