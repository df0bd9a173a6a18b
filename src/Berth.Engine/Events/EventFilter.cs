namespace Berth.Engine.Events;

// Docker's /events filters: values of one key are alternatives (OR), different keys must all match (AND).
public sealed class EventFilter
{
    // Keys whose values name an object of that event type, matched by ID or name prefix as Docker does.
    private static readonly string[] ObjectKeys = ["container", "volume", "network", "plugin", "node", "service", "secret", "config", "daemon"];
    private static readonly HashSet<string> AllKeys = [.. ObjectKeys, "type", "event", "image", "label", "scope"];

    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _terms;

    public static readonly EventFilter All = new(new Dictionary<string, IReadOnlyList<string>>());

    public EventFilter(IReadOnlyDictionary<string, IReadOnlyList<string>> terms)
    {
        foreach (var key in terms.Keys)
        {
            if (!AllKeys.Contains(key))
                throw new ArgumentException($"invalid filter '{key}'");
        }
        _terms = terms;
    }

    public bool Matches(EngineEvent e) =>
        Exact("type", e.Type)
        && (!_terms.TryGetValue("event", out var actions) || actions.Any(a => a == e.Action || a == ActionStem(e.Action)))
        && Exact("scope", e.Scope)
        && ObjectKeys.All(k => ObjectMatches(k, e))
        && ImageMatches(e)
        && LabelsMatch(e);

    private bool Exact(string key, string value) => !_terms.TryGetValue(key, out var values) || values.Contains(value);

    // "exec_start: sh -c x" and "health_status: healthy" are matched by their first word too.
    private static string ActionStem(string action)
    {
        var colon = action.IndexOf(':');
        return colon < 0 ? action : action[..colon];
    }

    private bool ObjectMatches(string key, EngineEvent e)
    {
        if (!_terms.TryGetValue(key, out var values)) return true;
        e.Attributes.TryGetValue("name", out var name);
        return values.Any(v => e.ActorId.StartsWith(v, StringComparison.Ordinal) || (name is not null && name.StartsWith(v, StringComparison.Ordinal)));
    }

    private bool ImageMatches(EngineEvent e)
    {
        if (!_terms.TryGetValue("image", out var values)) return true;
        var candidates = new List<string>();
        if (e.Attributes.TryGetValue("image", out var image)) candidates.Add(image);
        if (e.Type == "image")
        {
            candidates.Add(e.ActorId);
            if (e.Attributes.TryGetValue("name", out var name)) candidates.Add(name);
        }
        return candidates.Any(c => values.Any(v => v == c || v == WithoutTag(c)));
    }

    private static string WithoutTag(string reference)
    {
        var at = reference.IndexOf('@');
        if (at >= 0) reference = reference[..at];
        var colon = reference.LastIndexOf(':');
        return colon > reference.LastIndexOf('/') ? reference[..colon] : reference;
    }

    // "label=key" needs the attribute to exist; "label=key=value" needs it to have that value.
    private bool LabelsMatch(EngineEvent e)
    {
        if (!_terms.TryGetValue("label", out var values)) return true;
        return values.All(v =>
        {
            var eq = v.IndexOf('=');
            return eq < 0
                ? e.Attributes.ContainsKey(v)
                : e.Attributes.TryGetValue(v[..eq], out var actual) && actual == v[(eq + 1)..];
        });
    }
}
