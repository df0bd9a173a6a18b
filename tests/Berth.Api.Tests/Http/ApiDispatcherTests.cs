using System.Text;
using Berth.Api.Http;
using Microsoft.AspNetCore.Http;

namespace Berth.Api.Tests.Http;

public class ApiDispatcherTests
{
    private static ApiDispatcher Dispatcher(RouteHandler? handler = null)
    {
        var routes = new RouteTable()
            .MapGetAndHead("/_ping", handler ?? (r => r.Http.Response.WriteAsync("OK")))
            .Map("GET", "/containers/{id}/json", r => r.Http.Response.WriteAsync("id=" + r.RouteValues["id"] + " v=" + r.Version))
            .Map("GET", "/boom", _ => throw ApiException.NotFound("No such container: x"))
            .Map("GET", "/crash", _ => throw new InvalidOperationException("something broke"));
        return new ApiDispatcher(routes, CancellationToken.None);
    }

    private static async Task<(int Status, string Body, IHeaderDictionary Headers)> Send(string method, string path, ApiDispatcher? dispatcher = null)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = method;
        http.Request.Path = path;
        var body = new MemoryStream();
        http.Response.Body = body;
        await (dispatcher ?? Dispatcher()).Handle(http);
        return (http.Response.StatusCode, Encoding.UTF8.GetString(body.ToArray()).TrimEnd('\n'), http.Response.Headers);
    }

    [Theory]
    [InlineData("/_ping")]
    [InlineData("/v1.24/_ping")]
    [InlineData("/v1.50/_ping")]
    public async Task Serves_versioned_and_unversioned_paths(string path)
    {
        var (status, body, headers) = await Send("GET", path);
        Assert.Equal(200, status);
        Assert.Equal("OK", body);
        Assert.Equal("1.50", headers["Api-Version"]);
        Assert.Equal("linux", headers["Ostype"]);
        Assert.Equal("false", headers["Docker-Experimental"]);
        Assert.StartsWith("Berth/", headers["Server"].ToString());
    }

    [Fact]
    public async Task Route_values_and_the_version_reach_the_handler()
    {
        var (_, body, _) = await Send("GET", "/v1.41/containers/web%201/json");
        Assert.Equal("id=web 1 v=1.41", body);
    }

    [Theory]
    [InlineData("GET", "/nope")]
    [InlineData("POST", "/_ping")]
    [InlineData("GET", "/v1/_ping")]
    [InlineData("GET", "/containers//json")]
    public async Task Unknown_routes_are_page_not_found(string method, string path)
    {
        var (status, body, _) = await Send(method, path);
        Assert.Equal(404, status);
        Assert.Equal("""{"message":"page not found"}""", body);
    }

    [Fact]
    public async Task A_too_new_version_is_a_bad_request_with_dockers_message()
    {
        var (status, body, _) = await Send("GET", "/v1.51/_ping");
        Assert.Equal(400, status);
        Assert.Equal("""{"message":"client version 1.51 is too new. Maximum supported API version is 1.50"}""", body);
    }

    [Fact]
    public async Task Handler_errors_keep_their_status_and_message()
    {
        var (status, body, _) = await Send("GET", "/boom");
        Assert.Equal(404, status);
        Assert.Equal("""{"message":"No such container: x"}""", body);
    }

    [Fact]
    public async Task Unexpected_failures_are_500_with_a_message_not_a_stack_trace()
    {
        var (status, body, _) = await Send("GET", "/crash");
        Assert.Equal(500, status);
        Assert.Equal("""{"message":"something broke"}""", body);
    }
}
