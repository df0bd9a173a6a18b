using Berth.Engine.Filters;

namespace Berth.Engine.Containers;

// The filters of GET /containers/json and /containers/prune: id, name, label, status, exited, ancestor,
// before, since (and until for prune). Values of one key are ORed, keys are ANDed, as in dockerd.
public sealed class ContainerListFilter(IReadOnlyDictionary<string, IReadOnlyList<string>> filters, Func<string, string?>? resolveImage = null)
{
    private static readonly string[] Known = ["id", "name", "label", "status", "exited", "ancestor", "before", "since", "until", "label!", "health"];
    private static readonly string[] Statuses = ["created", "restarting", "running", "removing", "paused", "exited", "dead"];

    public static ContainerListFilter Create(IReadOnlyDictionary<string, IReadOnlyList<string>> filters, Func<string, string?>? resolveImage = null)
    {
        foreach (var key in filters.Keys)
            if (!Known.Contains(key)) throw new ContainerException(400, $"invalid filter '{key}'");
        foreach (var s in Get(filters, "status"))
            if (!Statuses.Contains(s)) throw new ContainerException(400, $"invalid filter 'status={s}'");
        foreach (var e in Get(filters, "exited"))
            if (!int.TryParse(e, out _)) throw new ContainerException(400, $"invalid filter 'exited={e}'");
        foreach (var h in Get(filters, "health"))
            if (!Health.HealthTracker.IsValidFilter(h)) throw new ContainerException(400, $"Unrecognised filter value for health: {h}");
        return new ContainerListFilter(filters, resolveImage);
    }

    private static IReadOnlyList<string> Get(IReadOnlyDictionary<string, IReadOnlyList<string>> f, string key) =>
        f.TryGetValue(key, out var v) ? v : [];

    // A status filter other than running lists stopped containers without -a, as docker ps does.
    public bool ForcesAll => Get(filters, "status").Any(s => s != "running") || Get(filters, "exited").Count > 0;

    public bool Matches(Container c)
    {
        var r = c.Record;
        if (Get(filters, "id") is { Count: > 0 } ids && !ids.Any(i => r.Id.StartsWith(i, StringComparison.Ordinal))) return false;
        if (Get(filters, "name") is { Count: > 0 } names && !names.Any(n => System.Text.RegularExpressions.Regex.IsMatch("/" + r.Name, n))) return false;
        if (Get(filters, "health") is { Count: > 0 } health && !health.Contains(r.Health?.Status ?? Health.HealthTracker.None)) return false;
        if (Get(filters, "status") is { Count: > 0 } statuses && !statuses.Contains(r.Status)) return false;
        if (Get(filters, "exited") is { Count: > 0 } exited && (r.Status != "exited" || !exited.Contains(r.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture)))) return false;
        if (Get(filters, "label") is { Count: > 0 } labels && !labels.All(l => FilterMatch.HasLabel(r.Config.Labels, l))) return false;
        if (Get(filters, "label!") is { Count: > 0 } notLabels && notLabels.Any(l => FilterMatch.HasLabel(r.Config.Labels, l))) return false;
        if (Get(filters, "ancestor") is { Count: > 0 } ancestors && !ancestors.Any(a => r.Image == a || r.ImageId == a
            || r.ImageId.StartsWith("sha256:" + a, StringComparison.Ordinal) || resolveImage?.Invoke(a) == r.ImageId)) return false;
        if (Get(filters, "until") is { Count: > 0 } until && !until.All(u => Before(r.Created, u))) return false;
        return true;
    }

    public List<Container> ApplyBeforeSince(List<Container> rows, ContainerService service)
    {
        foreach (var b in Get(filters, "before"))
        {
            var anchor = service.Find(b).Record.Created;
            rows = rows.Where(c => string.CompareOrdinal(c.Record.Created, anchor) < 0).ToList();
        }
        foreach (var s in Get(filters, "since"))
        {
            var anchor = service.Find(s).Record.Created;
            rows = rows.Where(c => string.CompareOrdinal(c.Record.Created, anchor) > 0).ToList();
        }
        return rows;
    }

    private static bool Before(string created, string until)
    {
        var time = DateTimeOffset.Parse(created, System.Globalization.CultureInfo.InvariantCulture);
        if (long.TryParse(until, out var unix)) return time.ToUnixTimeSeconds() < unix;
        if (DateTimeOffset.TryParse(until, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var t)) return time < t;
        throw new ContainerException(400, $"invalid filter 'until={until}'");
    }
}
