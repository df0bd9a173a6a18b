using System.Globalization;
using System.Text.RegularExpressions;
using Berth.Api.Models.Networks;

namespace Berth.Cli.Formatting.Rows;

// `network ls` rows: docker's networkContext fields, its headers and default table.
public static partial class NetworkRows
{
    public const string DefaultTable = "table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}";
    public const string QuietFormat = "{{.ID}}";

    public static readonly IReadOnlyDictionary<string, string> Headers = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ID"] = "NETWORK ID", ["Name"] = "NAME", ["Driver"] = "DRIVER", ["Scope"] = "SCOPE", ["IPv4"] = "IPV4",
        ["IPv6"] = "IPV6", ["Internal"] = "INTERNAL", ["Labels"] = "LABELS", ["CreatedAt"] = "CREATED AT",
    };

    // docker lists networks by name in natural order.
    public static IEnumerable<NetworkResource> Sorted(IEnumerable<NetworkResource> networks) =>
        networks.OrderBy(n => n.Name, NaturalOrder.Instance);

    public static TemplateObject Row(NetworkResource n, bool noTrunc)
    {
        var labels = n.Labels ?? [];
        return new TemplateObject("*network.networkContext") { SortJsonKeys = true }
            .Set("CreatedAt", GoTime(n.Created))
            .Set("Driver", n.Driver)
            .Set("ID", Units.DisplayId(n.Id, noTrunc))
            .Set("IPv4", Bool(n.EnableIPv4))
            .Set("IPv6", Bool(n.EnableIPv6))
            .Set("Internal", Bool(n.Internal))
            .Set("Labels", string.Join(",", labels.Select(l => $"{l.Key}={l.Value}")))
            .Set("Name", n.Name)
            .Set("Scope", n.Scope)
            .SetMethod("Label", a => a.Count == 1 && labels.TryGetValue(a[0].ToString(), out var v) ? TemplateValue.String(v) : TemplateValue.EmptyString);
    }

    private static string Bool(bool value) => value ? "true" : "false";

    // Go's time.Time.String() of an RFC 3339 time as the daemon wrote it, keeping all nine fraction digits
    // (DateTimeOffset holds only seven); an unreadable time reads as Go's zero time.
    public static string GoTime(string? rfc3339)
    {
        var m = Rfc3339().Match(rfc3339 ?? "");
        if (!m.Success || !DateTime.TryParseExact(m.Groups["dt"].Value, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return "0001-01-01 00:00:00 +0000 UTC";
        var fraction = m.Groups["frac"].Value.TrimEnd('0');
        var zone = m.Groups["zone"].Value;
        var offset = zone is "Z" or "z" or "+00:00" ? "+0000" : zone.Replace(":", "", StringComparison.Ordinal);
        var name = zone is "Z" or "z" ? "UTC" : offset;
        return local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + (fraction.Length > 0 ? "." + fraction : "") + $" {offset} {name}";
    }

    [GeneratedRegex(@"^(?<dt>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(?<frac>\d{1,9}))?(?<zone>[Zz]|[+-]\d\d:\d\d)$")]
    private static partial Regex Rfc3339();
}
