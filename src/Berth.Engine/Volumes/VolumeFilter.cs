using Berth.Engine.Filters;

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
                case "dangling": f.Dangling = FilterMatch.Bool(key, values); break;
                case "all": f.All = FilterMatch.Bool(key, values) == true; break;
                case "name": f._names = values; break;
                case "driver": f._drivers = values; break;
                case "label": f._labels = values; break;
                case "label!": f._notLabels = values; break;
            }
        }
        return f;
    }

    public bool Matches(VolumeRecord v, bool inUse)
    {
        if (Dangling is { } dangling && dangling == inUse) return false;
        if (_names.Count > 0 && !_names.Any(n => n == v.Name || FilterMatch.Regex(n, v.Name))) return false;
        if (_drivers.Count > 0 && !_drivers.Contains(v.Driver)) return false;
        if (!_labels.All(l => FilterMatch.HasLabel(v.Labels, l))) return false;
        if (_notLabels.Any(l => FilterMatch.HasLabel(v.Labels, l))) return false;
        return true;
    }
}
