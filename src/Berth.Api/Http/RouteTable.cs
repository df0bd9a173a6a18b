namespace Berth.Api.Http;

public delegate Task RouteHandler(RequestContext request);

// Method + path template ("/containers/{id}/json") -> handler. Matching is by whole segments; a {name}
// segment takes any one non-empty segment, and one {name*} per template takes one or more, joined with '/',
// because image names carry slashes ("/images/localhost:5000/x/y:tag/json"). Handlers get the raw HttpContext, so one that must take over the
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
            if (route.Method == method && Match(route.Segments, segments) is { } values)
                return (route.Handler, values);
        }
        return null;
    }

    private static Dictionary<string, string>? Match(string[] template, string[] segments)
    {
        var greedy = Array.FindIndex(template, t => t.StartsWith('{') && t.EndsWith("*}", StringComparison.Ordinal));
        if (greedy < 0 ? template.Length != segments.Length : segments.Length < template.Length)
            return null;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var tail = segments.Length - template.Length;
        for (var i = 0; i < template.Length; i++)
        {
            var t = template[i];
            // Segments after the greedy one line up with the path's last segments.
            var at = greedy >= 0 && i > greedy ? i + tail : i;
            if (i == greedy)
                values[t[1..^2]] = string.Join('/', segments[i..(i + tail + 1)].Select(Uri.UnescapeDataString));
            else if (t.Length > 2 && t[0] == '{' && t[^1] == '}')
                values[t[1..^1]] = Uri.UnescapeDataString(segments[at]);
            else if (t != segments[at])
                return null;
        }
        return values;
    }

    private static string[] Split(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);
}
