using System.Globalization;
using System.Text.Json;
using Berth.Api.Models;
using Berth.Cli.Support;

namespace Berth.Cli.Commands;

// `berth events` / `berth system events`: follows the daemon's events, as docker's command does.
public static class EventsCommand
{
    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args, CancellationToken cancel)
    {
        var flags = new FlagParser("berth events").Value("since").Value("until").Value("filter", "f").Value("format").Parse(args);
        if (flags.Arguments.Count > 0)
            throw new UsageException("\"berth events\" accepts no arguments; see 'berth events --help'");

        var format = flags.Last("format");
        var json = format is "json" or "{{json .}}";
        if (!json && !string.IsNullOrEmpty(format))
            throw new UsageException($"--format \"{format}\" is not supported yet; use --format json");

        var now = DateTimeOffset.Now;
        var since = TimestampArgument.ToApi(flags.Last("since"), now);
        var until = TimestampArgument.ToApi(flags.Last("until"), now);
        var filters = ParseFilters(flags.All("filter"));

        using var client = await DaemonConnector.ConnectAsync(context, cancel);
        await foreach (var e in client.GetEventsAsync(since, until, filters, cancel))
        {
            await context.Out.WriteLineAsync(json ? JsonSerializer.Serialize(e, ApiJson.Context.EventMessage) : Line(e));
            await context.Out.FlushAsync(cancel);
        }
        return 0;
    }

    internal static Dictionary<string, List<string>> ParseFilters(IReadOnlyList<string> values)
    {
        var filters = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var eq = value.IndexOf('=');
            if (eq <= 0)
                throw new UsageException($"bad format of filter (expected name=value): {value}");
            var key = value[..eq].Trim().ToLowerInvariant();
            if (!filters.TryGetValue(key, out var list)) filters[key] = list = [];
            list.Add(value[(eq + 1)..]);
        }
        return filters;
    }

    // docker's default line: local time with nanoseconds, type, action, actor ID and sorted attributes.
    internal static string Line(EventMessage e)
    {
        var when = DateTimeOffset.FromUnixTimeSeconds(e.TimeNano / 1_000_000_000).ToLocalTime();
        var nanos = e.TimeNano % 1_000_000_000;
        var stamp = when.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)
                    + "." + nanos.ToString("D9", CultureInfo.InvariantCulture)
                    + when.ToString("zzz", CultureInfo.InvariantCulture);
        var line = $"{stamp} {e.Type} {e.Action} {e.Actor.ID}";
        if (e.Actor.Attributes.Count > 0)
            line += " (" + string.Join(", ", e.Actor.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}")) + ")";
        return line;
    }
}
