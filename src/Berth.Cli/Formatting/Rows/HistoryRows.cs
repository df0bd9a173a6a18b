using System.Globalization;
using Berth.Api.Models.Images;

namespace Berth.Cli.Formatting.Rows;

// The rows of `docker history` (cli/command/formatter/history.go): CREATED BY cut to 45 characters with "…" unless
// --no-trunc; with -H=false dates are RFC 3339 and sizes plain byte counts.
public static class HistoryRows
{
    public const string TableFormat = "table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}";
    public const string NonHumanTableFormat = "table {{.ID}}\t{{.CreatedAt}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}";
    public const string QuietFormat = "{{.ID}}";
    private const int CreatedByWidth = 45;

    public static readonly IReadOnlyDictionary<string, string> Headers = new Dictionary<string, string>
    {
        ["ID"] = "IMAGE", ["CreatedSince"] = "CREATED", ["CreatedAt"] = "CREATED AT", ["CreatedBy"] = "CREATED BY",
        ["Size"] = "SIZE", ["Comment"] = "COMMENT", ["Tags"] = "TAGS",
    };

    public static List<TemplateObject> Build(IEnumerable<HistoryItem> items, bool human, bool noTrunc, DateTimeOffset now) =>
        items.Select(item => Row(item, human, noTrunc, now)).ToList();

    private static TemplateObject Row(HistoryItem item, bool human, bool noTrunc, DateTimeOffset now)
    {
        var created = DateTimeOffset.FromUnixTimeSeconds(item.Created).ToLocalTime();
        var createdAt = Rfc3339(created);
        var createdBy = item.CreatedBy.Replace('\t', ' ');
        return new TemplateObject("*formatter.historyContext") { SortJsonKeys = true }
            .Set("Comment", item.Comment)
            .Set("CreatedAt", createdAt)
            .Set("CreatedBy", noTrunc ? createdBy : Units.Ellipsis(createdBy, CreatedByWidth))
            .Set("CreatedSince", human ? Units.Ago(created, now) : createdAt)
            .Set("ID", noTrunc ? item.Id : Units.TruncateId(item.Id))
            .Set("Size", human ? Units.HumanSizeWithPrecision(item.Size, 3) : item.Size.ToString(CultureInfo.InvariantCulture))
            .Set("Tags", string.Join(", ", item.Tags ?? []));
    }

    // Go's time.RFC3339: "Z" for UTC, else the numeric offset.
    public static string Rfc3339(DateTimeOffset t) =>
        t.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)
        + (t.Offset == TimeSpan.Zero ? "Z" : t.ToString("zzz", CultureInfo.InvariantCulture));
}
