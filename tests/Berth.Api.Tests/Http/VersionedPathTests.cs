using Berth.Api.Http;
using Berth.Api.Models;

namespace Berth.Api.Tests.Http;

public class VersionedPathTests
{
    [Theory]
    [InlineData("/v1.50/info", 1, 50, "/info")]
    [InlineData("/v1.24/containers/json", 1, 24, "/containers/json")]
    [InlineData("/v1.9/_ping", 1, 9, "/_ping")]
    public void Splits_the_version_from_the_route(string path, int major, int minor, string route)
    {
        Assert.True(VersionedPath.TryParse(path, out var p));
        Assert.Equal(new ApiVersion(major, minor), p.Version);
        Assert.Equal(route, p.Route);
        Assert.True(p.Explicit);
    }

    [Fact]
    public void An_unversioned_path_is_served_at_the_newest_version()
    {
        Assert.True(VersionedPath.TryParse("/version", out var p));
        Assert.Equal(ApiVersion.Max, p.Version);
        Assert.Equal("/version", p.Route);
        Assert.False(p.Explicit);
        Assert.Null(p.Check());
    }

    [Theory]
    [InlineData("/v1/info")]
    [InlineData("/v1.2.3/info")]
    [InlineData("/v1.x/info")]
    public void A_malformed_version_matches_no_route(string path) => Assert.False(VersionedPath.TryParse(path, out _));

    [Fact]
    public void Paths_starting_with_v_but_no_digit_are_routes() // e.g. /volumes
    {
        Assert.True(VersionedPath.TryParse("/volumes", out var p));
        Assert.Equal("/volumes", p.Route);
    }

    [Fact]
    public void Versions_compare_numerically_not_as_text()
    {
        Assert.True(new ApiVersion(1, 9) < new ApiVersion(1, 24));
        Assert.True(new ApiVersion(1, 50) > new ApiVersion(1, 5));
    }

    [Fact]
    public void Too_new_and_too_old_versions_get_dockers_messages()
    {
        VersionedPath.TryParse("/v1.51/info", out var tooNew);
        VersionedPath.TryParse("/v1.23/info", out var tooOld);
        VersionedPath.TryParse("/v1.24/info", out var oldest);

        Assert.Equal("client version 1.51 is too new. Maximum supported API version is 1.50", tooNew.Check());
        Assert.Equal("client version 1.23 is too old. Minimum supported API version is 1.24, please upgrade your client to a newer version", tooOld.Check());
        Assert.Null(oldest.Check());
    }
}
