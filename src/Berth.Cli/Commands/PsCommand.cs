using System.Globalization;
using Berth.Api.Models.Containers;
using Berth.Cli.Formatting;
using Berth.Cli.Support;

namespace Berth.Cli.Commands;

// `berth ps` / `berth container ls`: docker's table (CONTAINER ID, IMAGE, COMMAND, CREATED, STATUS, PORTS, NAMES),
// -q, -a, -n, -l, -s, --no-trunc, --filter and --format.
public static class PsCommand
{
    private const string DefaultTable = "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}";

    private static readonly Dictionary<string, string> Headers = new(StringComparer.Ordinal)
    {
        ["ID"] = "CONTAINER ID", ["Image"] = "IMAGE", ["Command"] = "COMMAND", ["CreatedAt"] = "CREATED AT",
        ["RunningFor"] = "CREATED", ["Status"] = "STATUS", ["Ports"] = "PORTS", ["Names"] = "NAMES", ["Size"] = "SIZE",
        ["Labels"] = "LABELS", ["Mounts"] = "MOUNTS", ["Networks"] = "NETWORKS", ["State"] = "STATE", ["LocalVolumes"] = "LOCAL VOLUMES",
    };

    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args, CancellationToken cancel)
    {
        var f = new FlagParser("berth ps").Bool("all", "a").Bool("quiet", "q").Value("last", "n").Bool("latest", "l")
            .Bool("size", "s").Bool("no-trunc").Value("filter", "f").Value("format").Parse(args);
        if (f.Arguments.Count > 0)
            throw new UsageException("\"berth ps\" accepts no arguments.\nSee 'berth ps --help'.");
        int? limit = null;
        if (f.Last("last") is { } last)
            limit = int.TryParse(last, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n
                : throw new UsageException($"invalid argument \"{last}\" for \"-n, --last\" flag: strconv.ParseInt: parsing \"{last}\": invalid syntax");
        if (f.Flag("latest")) limit = 1;
        if (limit is <= 0) limit = null;
        var format = f.Last("format");
        var size = f.Flag("size") || (format?.Contains(".Size", StringComparison.Ordinal) ?? false);
        var filters = EventsCommand.ParseFilters(f.All("filter"));

        using var client = await DaemonConnector.ConnectAsync(context, cancel);
        var containers = await client.ListContainersAsync(f.Flag("all"), limit, size, filters, cancel);
        var noTrunc = f.Flag("no-trunc");
        if (f.Flag("quiet") && string.IsNullOrEmpty(format))
        {
            foreach (var c in containers) await context.Out.WriteLineAsync(Units.DisplayId(c.Id, noTrunc));
            return 0;
        }
        var table = string.IsNullOrEmpty(format) || format == "table"
            ? (f.Flag("size") ? DefaultTable + "\t{{.Size}}" : DefaultTable)
            : format;
        var now = DateTimeOffset.Now;
        await context.Out.WriteAsync(Formatter.Render(table, containers.Select(c => Row(c, noTrunc, now)), Headers, DefaultTable));
        return 0;
    }

    internal static TemplateObject Row(ContainerSummary c, bool noTrunc, DateTimeOffset now)
    {
        // docker truncates the command, then quotes it.
        var command = Quote(noTrunc ? c.Command ?? "" : Units.Ellipsis(c.Command ?? "", 20));
        var created = DateTimeOffset.FromUnixTimeSeconds(c.Created);
        var names = (c.Names ?? []).Select(n => n.TrimStart('/')).Where(n => noTrunc || !n.Contains('/')).ToList();
        var row = TemplateObject.Struct("formatter.ContainerContext",
        [
            new("Command", command),
            new("CreatedAt", GoTime(created)),
            new("ID", Units.DisplayId(c.Id, noTrunc)),
            new("Image", c.Image ?? ""),
            new("Labels", string.Join(",", (c.Labels ?? []).Select(l => $"{l.Key}={l.Value}"))),
            new("LocalVolumes", (c.Mounts ?? []).Count(m => m.Driver == "local").ToString(CultureInfo.InvariantCulture)),
            new("Mounts", string.Join(",", (c.Mounts ?? []).Select(m => m.Name is { Length: > 0 } ? (noTrunc ? m.Name : Units.Ellipsis(m.Name, 15)) : m.Source ?? ""))),
            new("Names", string.Join(",", names)),
            new("Networks", string.Join(",", (c.NetworkSettings?.Networks ?? []).Keys.Order(StringComparer.Ordinal))),
            new("Ports", PortText.Summary(c.Ports)),
            new("RunningFor", Units.Ago(created, now)),
            new("Size", SizeText(c)),
            new("State", c.State ?? ""),
            new("Status", c.Status ?? ""),
        ]);
        row.SetMethod("Label", a => a.Count == 1 && (c.Labels ?? []).TryGetValue(a[0].ToString(), out var v) ? TemplateValue.String(v) : TemplateValue.EmptyString);
        return row;
    }

    private static string SizeText(ContainerSummary c)
    {
        var rw = Units.HumanSizeWithPrecision(c.SizeRw ?? 0, 3);
        return c.SizeRootFs is > 0 ? $"{rw} (virtual {Units.HumanSizeWithPrecision(c.SizeRootFs.Value, 3)})" : rw;
    }

    // Go's strconv.Quote for the common cases: quotes, backslashes and control characters escaped.
    internal static string Quote(string s)
    {
        var sb = new System.Text.StringBuilder("\"");
        foreach (var ch in s)
            sb.Append(ch switch
            {
                '"' => "\\\"", '\\' => "\\\\", '\n' => "\\n", '\t' => "\\t", '\r' => "\\r",
                < ' ' => $"\\x{(int)ch:x2}",
                _ => ch.ToString(),
            });
        return sb.Append('"').ToString();
    }

    // Go's time.Time.String() for a Unix time in local time: "2026-11-28 06:49:30 +0000 UTC".
    private static string GoTime(DateTimeOffset t)
    {
        var local = t.ToLocalTime();
        var offset = local.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var zone = offset == TimeSpan.Zero ? "UTC" : (TimeZoneInfo.Local.IsDaylightSavingTime(local) ? TimeZoneInfo.Local.DaylightName : TimeZoneInfo.Local.StandardName);
        return local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + $" {sign}{Math.Abs(offset.Hours):D2}{Math.Abs(offset.Minutes):D2} {zone}";
    }
}
