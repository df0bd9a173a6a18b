using System.Text;
using Berth.Api.Endpoints;
using Berth.Api.Http;
using Berth.Engine;
using Berth.Engine.Config;
using Berth.Engine.Host;
using Microsoft.AspNetCore.Http;

namespace Berth.Api.Tests.Http;

public sealed class EventsEndpointTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("berth-api-events-").FullName;
    private readonly DaemonEngine _engine;
    private readonly ApiDispatcher _dispatcher;

    public EventsEndpointTests()
    {
        var host = new HostFacts("6.1.0", "Test OS", "1", "x86_64", "amd64", 2, 1 << 30, "test", "2", true);
        _engine = new DaemonEngine(new DaemonOptions { DataRoot = _root, ExecRoot = _root }, host, TimeProvider.System);
        var routes = new RouteTable();
        new EventsEndpoint(_engine).Register(routes);
        _dispatcher = new ApiDispatcher(routes, CancellationToken.None);
    }

    private async Task<(int Status, string[] Lines)> Get(string pathAndQuery)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = "GET";
        var q = pathAndQuery.IndexOf('?');
        http.Request.Path = q < 0 ? pathAndQuery : pathAndQuery[..q];
        if (q >= 0) http.Request.QueryString = new QueryString(pathAndQuery[q..]);
        var body = new MemoryStream();
        http.Response.Body = body;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        http.RequestAborted = timeout.Token;
        await _dispatcher.Handle(http);
        return (http.Response.StatusCode, Encoding.UTF8.GetString(body.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private static string Stamp(long nanos) => $"{nanos / 1_000_000_000}.{nanos % 1_000_000_000:D9}";

    [Fact]
    public async Task Replays_published_events_as_json_lines_in_dockers_shape()
    {
        var since = _engine.Events.NowNano();
        _engine.Events.Publish("container", "create", "abc", new Dictionary<string, string> { ["name"] = "web" });
        _engine.Events.Publish("image", "pull", "busybox:latest");
        var until = _engine.Events.NowNano();

        var (status, lines) = await Get($"/v1.50/events?since={Stamp(since)}&until={Stamp(until)}");

        Assert.Equal(200, status);
        Assert.Equal(2, lines.Length);
        Assert.Matches("""^\{"Type":"container","Action":"create","Actor":\{"ID":"abc","Attributes":\{"name":"web"\}\},"scope":"local","time":\d+,"timeNano":\d+\}$""", lines[0]);
    }

    [Fact]
    public async Task Filters_select_events()
    {
        var since = _engine.Events.NowNano();
        _engine.Events.Publish("container", "create", "abc");
        _engine.Events.Publish("image", "pull", "busybox:latest");
        var until = _engine.Events.NowNano();
        var filters = Uri.EscapeDataString("""{"type":{"image":true}}""");

        var (_, lines) = await Get($"/events?since={Stamp(since)}&until={Stamp(until)}&filters={filters}");

        Assert.Single(lines);
        Assert.Contains("\"Action\":\"pull\"", lines[0]);
    }

    [Theory]
    [InlineData("/events?since=yesterday")]
    [InlineData("/events?filters=%7B%22colour%22%3A%5B%22red%22%5D%7D")]
    public async Task Bad_queries_are_400(string path)
    {
        var (status, lines) = await Get(path);
        Assert.Equal(400, status);
        Assert.StartsWith("{\"message\":", lines[0]);
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
