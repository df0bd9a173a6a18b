using System.Text;
using Berth.Api.Endpoints.Networks;
using Berth.Api.Http;
using Berth.Engine.Networks;
using Microsoft.AspNetCore.Http;

namespace Berth.Api.Tests.Endpoints;

public class NetworkEndpointsTests
{
    private static async Task<(int Status, string Body)> Send(string method, string path, string? body = null)
    {
        var routes = new RouteTable();
        new NetworkEndpoints(new NetworkService(new Berth.Engine.Config.DaemonOptions { DataRoot = Path.Combine(Path.GetTempPath(), "berth-api-networks-unused") }, new Berth.Engine.Events.EventBus(TimeProvider.System), _ => { })).Register(routes);
        var http = new DefaultHttpContext();
        http.Request.Method = method;
        var query = path.IndexOf('?');
        http.Request.Path = query < 0 ? path : path[..query];
        if (query >= 0) http.Request.QueryString = new QueryString(path[query..]);
        if (body is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            http.Request.Body = new MemoryStream(bytes);
            http.Request.ContentLength = bytes.Length;
            http.Request.ContentType = "application/json";
        }
        var response = new MemoryStream();
        http.Response.Body = response;
        await new ApiDispatcher(routes, CancellationToken.None).Handle(http);
        return (http.Response.StatusCode, Encoding.UTF8.GetString(response.ToArray()).TrimEnd('\n'));
    }

    // These routes reach the network service, whose refusal of a network that does not exist comes back as its
    // 404 and {"message": ...}, never the router's "page not found".
    [Theory]
    [InlineData("GET", "/v1.50/networks/no-such-net", null)]
    [InlineData("DELETE", "/v1.50/networks/no-such-net", null)]
    [InlineData("POST", "/v1.50/networks/no-such-net/connect", """{"Container":"web","EndpointConfig":{"Aliases":["a"]}}""")]
    [InlineData("POST", "/v1.50/networks/no-such-net/disconnect", """{"Container":"web","Force":true}""")]
    public async Task Calls_on_a_missing_network_are_refused_by_the_service(string method, string path, string? body)
    {
        var (status, text) = await Send(method, path, body);
        Assert.Equal(404, status);
        Assert.Contains("network no-such-net not found", text);
        Assert.StartsWith("""{"message":""", text);
        Assert.DoesNotContain("page not found", text);
    }

    [Theory]
    [InlineData("/v1.50/networks/create")]
    [InlineData("/v1.50/networks/front/connect")]
    [InlineData("/v1.50/networks/front/disconnect")]
    public async Task A_body_that_is_not_json_is_a_bad_request(string path)
    {
        var (status, text) = await Send("POST", path, "{not json");
        Assert.Equal(400, status);
        Assert.StartsWith("""{"message":"invalid JSON: """, text);
    }

    [Theory]
    [InlineData("GET", "/v1.50/networks?filters=%7Bnope")]
    [InlineData("POST", "/v1.50/networks/prune?filters=%5B1%5D")]
    public async Task Malformed_filters_are_a_bad_request(string method, string path)
    {
        var (status, _) = await Send(method, path);
        Assert.Equal(400, status);
    }
}
