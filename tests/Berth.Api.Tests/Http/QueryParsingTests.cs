using Berth.Api.Http;

namespace Berth.Api.Tests.Http;

public class QueryParsingTests
{
    [Fact]
    public void Filters_in_the_current_map_form()
    {
        var f = FiltersQuery.Parse("""{"type":{"container":true,"image":true},"event":{"start":true,"stop":false}}""");
        Assert.Equal(["container", "image"], f["type"]);
        Assert.Equal(["start"], f["event"]);
    }

    [Fact]
    public void Filters_in_the_old_list_form() =>
        Assert.Equal(["container"], FiltersQuery.Parse("""{"type":["container"]}""")["type"]);

    [Theory]
    [InlineData("not json")]
    [InlineData("[1]")]
    [InlineData("""{"type":"container"}""")]
    public void Malformed_filters_are_a_bad_request(string json)
    {
        var e = Assert.Throws<ApiException>(() => FiltersQuery.Parse(json));
        Assert.Equal(400, e.Status);
    }

    [Theory]
    [InlineData("1700000000", 1_700_000_000_000_000_000L)]
    [InlineData("1700000000.5", 1_700_000_000_500_000_000L)]
    [InlineData("1700000000.000000001", 1_700_000_000_000_000_001L)]
    public void Timestamps_are_unix_seconds_with_an_optional_fraction(string value, long nanos) =>
        Assert.Equal(nanos, TimestampQuery.ParseNano(value, "since"));

    [Theory]
    [InlineData("yesterday")]
    [InlineData("1.2.3")]
    [InlineData("1.1234567890")]
    public void Other_timestamps_are_a_bad_request(string value) =>
        Assert.Equal(400, Assert.Throws<ApiException>(() => TimestampQuery.ParseNano(value, "until")).Status);
}
