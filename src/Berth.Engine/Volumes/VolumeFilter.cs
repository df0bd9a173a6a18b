using System.Text.RegularExpressions;

namespace Berth.Engine.Volumes;

// The `filters` of GET /volumes (dangling, name, label, driver) and of POST /volumes/prune (label, label!, all),
// matched as dockerd matches them: name as an unanchored regular expression, label as key or key=value (all must
// match), label! as none of them.
public sealed class VolumeFilter
{
    private static readonly string[] ListKeys = ["dangling", "name", "label", "driver"];
    private static readonly string[] PruneKeys = ["label", "label!", "all"];

    private IReadOnlyList<string> _names = [];
    private IReadOnlyList<string> _drivers = [];
    private IReadOnlyList<string> _labels = [];
    private IReadOnlyList<string> _notLabels = [];

    public bool? Dangling { get; private set; }
    public bool All { get; private set; }

    public static VolumeFilter ForList(IReadOnlyDictionary<string, IReadOnlyList<string>> filters) => Create(filters, ListKeys);

    public static VolumeFilter ForPrune(IReadOnlyDictionary<string, IReadOnlyList<string>> filters) => Create(filters, PruneKeys);

    private static VolumeFilter Create(IReadOnlyDictionary<string, IReadOnlyList<string>> filters, string[] accepted)
    {
        var f = new VolumeFilter();
        foreach (var (key, values) in filters)
        {
            if (!accepted.Contains(key)) throw new ArgumentException($"invalid filter '{key}'");
            switch (key)
            {
                case "dangling": f.Dangling = Bool(key, values); break;
                case "all": f.All = Bool(key, values) == true; break;
                case "name": f._names = values; break;
                case "driver": f._drivers = values; break;
                case "label": f._labels = values; break;
                case "label!": f._notLabels = values; break;
            }
        }
        return f;
    }

    // The last value decides, as dockerd reads a repeated boolean filter.
    private static bool? Bool(string key, IReadOnlyList<string> values)
    {
        bool? result = null;
        foreach (var v in values)
        {
            result = v.ToLowerInvariant() switch
            {
                "true" or "1" => true,
                "false" or "0" => false,
                _ => throw new ArgumentException($"invalid filter '{key}={v}'"),
            };
        }
        return result;
    }

    public bool Matches(VolumeRecord v, bool inUse)
    {
        if (Dangling is { } dangling && dangling == inUse) return false;
        if (_names.Count > 0 && !_names.Any(n => n == v.Name || SafeRegexMatch(n, v.Name))) return false;
        if (_drivers.Count > 0 && !_drivers.Contains(v.Driver)) return false;
        if (!_labels.All(l => HasLabel(v, l))) return false;
        if (_notLabels.Any(l => HasLabel(v, l))) return false;
        return true;
    }

    private static bool HasLabel(VolumeRecord v, string filter)
    {
        var eq = filter.IndexOf('=');
        var key = eq < 0 ? filter : filter[..eq];
        if (v.Labels is null || !v.Labels.TryGetValue(key, out var value)) return false;
        return eq < 0 || value == filter[(eq + 1)..];
    }

    private static bool SafeRegexMatch(string pattern, string text)
    {
        try { return Regex.IsMatch(text, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)); }
        catch (ArgumentException) { return false; }
    }
}
