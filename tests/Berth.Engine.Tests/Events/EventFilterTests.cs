using Berth.Engine.Events;

namespace Berth.Engine.Tests.Events;

public class EventFilterTests
{
    private static EngineEvent Container(string action, string id = "abc123def", string name = "web", string image = "nginx:1.27", string? label = null)
    {
        var attributes = new Dictionary<string, string> { ["name"] = name, ["image"] = image };
        if (label is not null) attributes["com.example.tier"] = label;
        return new EngineEvent("container", action, id, attributes, 1);
    }

    private static EventFilter Filter(params (string Key, string Value)[] terms) =>
        new(terms.GroupBy(t => t.Key).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(t => t.Value).ToList()));

    [Fact]
    public void No_filter_matches_everything() => Assert.True(EventFilter.All.Matches(Container("start")));

    [Fact]
    public void Values_of_one_key_are_alternatives()
    {
        var f = Filter(("event", "start"), ("event", "stop"));
        Assert.True(f.Matches(Container("start")));
        Assert.True(f.Matches(Container("stop")));
        Assert.False(f.Matches(Container("die")));
    }

    [Fact]
    public void Different_keys_must_all_match()
    {
        var f = Filter(("type", "container"), ("event", "start"));
        Assert.True(f.Matches(Container("start")));
        Assert.False(f.Matches(new EngineEvent("network", "start", "n1", new Dictionary<string, string>(), 1)));
    }

    [Fact]
    public void An_action_with_details_matches_by_its_first_word()
    {
        Assert.True(Filter(("event", "exec_start")).Matches(Container("exec_start: sh -c true")));
        Assert.True(Filter(("event", "health_status")).Matches(Container("health_status: healthy")));
    }

    [Theory]
    [InlineData("abc123def", true)]
    [InlineData("abc", true)]
    [InlineData("web", true)]
    [InlineData("we", true)]
    [InlineData("other", false)]
    public void Container_matches_by_id_or_name_prefix(string value, bool expected) =>
        Assert.Equal(expected, Filter(("container", value)).Matches(Container("start")));

    [Theory]
    [InlineData("nginx:1.27", true)]
    [InlineData("nginx", true)]
    [InlineData("redis", false)]
    public void Image_matches_with_or_without_its_tag(string value, bool expected) =>
        Assert.Equal(expected, Filter(("image", value)).Matches(Container("create")));

    [Fact]
    public void Labels_match_by_key_or_key_and_value()
    {
        var e = Container("start", label: "front");
        Assert.True(Filter(("label", "com.example.tier")).Matches(e));
        Assert.True(Filter(("label", "com.example.tier=front")).Matches(e));
        Assert.False(Filter(("label", "com.example.tier=back")).Matches(e));
        Assert.False(Filter(("label", "com.example.tier"), ("label", "missing")).Matches(e));
    }

    [Fact]
    public void An_unknown_filter_key_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => Filter(("colour", "red")));
        Assert.Equal("invalid filter 'colour'", e.Message);
    }
}
