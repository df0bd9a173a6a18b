namespace Berth.Api.Http;

public delegate Task RouteHandler(RequestContext request);

// Method + path template ("/containers/{id}/json") -> handler. Matching is by whole segments; a {name}
// segment takes any one non-empty segment. Handlers get the raw HttpContext, so one that must take over the
// connection (attach, exec start: "Upgrade: tcp") can do so through Kestrel's upgrade feature.
public sealed class RouteTable
{
    private sealed record Route(string Method, string[] Segments, RouteHandler Handler);

    private readonly List<Route> _routes = [];

    public RouteTable Map(string method, string template, RouteHandler handler)
    {
        _routes.Add(new Route(method, Split(template), handler));
        return this;
    }

    public RouteTable MapGetAndHead(string template, RouteHandler handler) =>
        Map("GET", template, handler).Map("HEAD", template, handler);

    public (RouteHandler Handler, IReadOnlyDictionary<string, string> Values)? Find(string method, string path)
    {
        var segments = Split(path);
        foreach (var route in _routes)
        {
            if (route.Method != method || route.Segments.Length != segments.Length) continue;
            Dictionary<string, string>? values = null;
            var ok = true;
            for (var i = 0; i < segments.Length && ok; i++)
            {
                var t = route.Segments[i];
                if (t.Length > 2 && t[0] == '{' && t[^1] == '}')
                    (values ??= [])[t[1..^1]] = Uri.UnescapeDataString(segments[i]);
                else
                    ok = t == segments[i];
            }
            if (ok) return (route.Handler, values ?? Empty);
        }
        return null;
    }

    private static readonly Dictionary<string, string> Empty = [];

    private static string[] Split(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);
}
