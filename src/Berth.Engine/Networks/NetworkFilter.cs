using Berth.Engine.Filters;

namespace Berth.Engine.Networks;

// The `filters` of GET /networks (dangling, driver, id, label, name, scope, type) and of POST /networks/prune
// (label, label!, until). Values of one key are ORed, keys ANDed; name is an unanchored regular expression and
// id a prefix, as dockerd matches them.
public sealed class NetworkFilter
{
    private static readonly string[] ListKeys = ["dangling", "driver", "id", "label", "name", "scope", "type"];
    private static readonly string[] PruneKeys = ["label", "label!", "until"];

    private IReadOnlyDictionary<string, IReadOnlyList<string>> _filters = new Dictionary<string, IReadOnlyList<string>>();
    private bool? _dangling;
    private DateTimeOffset? _until;

    public static NetworkFilter ForList(IReadOnlyDictionary<string, IReadOnlyList<string>> filters) => Create(filters, ListKeys);

    public static NetworkFilter ForPrune(IReadOnlyDictionary<string, IReadOnlyList<string>> filters) => Create(filters, PruneKeys);

    private static NetworkFilter Create(IReadOnlyDictionary<string, IReadOnlyList<string>> filters, string[] accepted)
    {
        foreach (var key in filters.Keys)
            if (!accepted.Contains(key)) throw new NetworkException(400, $"invalid filter '{key}'");
        var f = new NetworkFilter { _filters = filters };
        if (filters.TryGetValue("dangling", out var dangling)) f._dangling = FilterMatch.Bool("dangling", dangling);
        if (filters.TryGetValue("type", out var types) && types.FirstOrDefault(t => t is not ("custom" or "builtin")) is { } bad)
            throw new NetworkException(400, $"invalid filter: 'type'='{bad}'");
        if (filters.TryGetValue("until", out var until) && until.Count > 0) f._until = Time(until[^1]);
        return f;
    }

    private static DateTimeOffset Time(string text)
    {
        if (long.TryParse(text, out var unix)) return DateTimeOffset.FromUnixTimeSeconds(unix);
        if (DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var t)) return t;
        throw new NetworkException(400, $"invalid filter 'until={text}'");
    }

    private IReadOnlyList<string> Values(string key) => _filters.TryGetValue(key, out var v) ? v : [];

    public bool Matches(NetworkRecord r, bool hasEndpoints)
    {
        if (_dangling is { } dangling && dangling == (hasEndpoints || r.IsBuiltIn)) return false;
        if (Values("driver") is { Count: > 0 } drivers && !drivers.Contains(r.Driver)) return false;
        if (Values("id") is { Count: > 0 } ids && !ids.Any(i => r.Id.StartsWith(i, StringComparison.Ordinal))) return false;
        if (Values("name") is { Count: > 0 } names && !names.Any(n => n == r.Name || FilterMatch.Regex(n, r.Name))) return false;
        if (Values("scope") is { Count: > 0 } scopes && !scopes.Contains("local")) return false;
        if (Values("type") is { Count: > 0 } types && !types.Contains(r.IsBuiltIn ? "builtin" : "custom")) return false;
        if (!Values("label").All(l => FilterMatch.HasLabel(r.Labels, l))) return false;
        if (Values("label!").Any(l => FilterMatch.HasLabel(r.Labels, l))) return false;
        if (_until is { } until && DateTimeOffset.Parse(r.Created, System.Globalization.CultureInfo.InvariantCulture) >= until) return false;
        return true;
    }
}
