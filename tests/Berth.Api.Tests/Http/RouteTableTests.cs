using Berth.Api.Http;

namespace Berth.Api.Tests.Http;

public sealed class RouteTableTests
{
    private static readonly RouteHandler Nothing = _ => Task.CompletedTask;

    private static RouteTable Images() => new RouteTable()
        .Map("GET", "/images/json", Nothing)
        .Map("GET", "/images/{name*}/json", Nothing)
        .Map("DELETE", "/images/{name*}", Nothing)
        .Map("GET", "/containers/{id}/json", Nothing);

    [Theory]
    [InlineData("GET", "/images/busybox/json", "busybox")]
    [InlineData("GET", "/images/localhost:5000/x/y:tag/json", "localhost:5000/x/y:tag")]
    [InlineData("GET", "/images/a%2Fb/json", "a/b")]
    [InlineData("DELETE", "/images/library/busybox:latest", "library/busybox:latest")]
    public void A_greedy_segment_takes_a_name_with_slashes(string method, string path, string name)
    {
        var found = Images().Find(method, path);
        Assert.NotNull(found);
        Assert.Equal(name, found.Value.Values["name"]);
    }

    [Fact]
    public void Fixed_routes_registered_first_win_and_plain_segments_stay_single()
    {
        Assert.Empty(Images().Find("GET", "/images/json")!.Value.Values);
        Assert.Null(Images().Find("GET", "/containers/a/b/json"));
        Assert.Null(Images().Find("DELETE", "/images"));
    }
}
