using Berth.Cli.Formatting;
using Berth.Cli.Formatting.Rows;
using Berth.Cli.Support;

namespace Berth.Cli.Commands.Networks;

// `berth network ls`: NETWORK ID, NAME, DRIVER, SCOPE in natural name order; -q, --no-trunc, --filter, --format.
public static class NetworkListCommand
{
    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args, CancellationToken cancel)
    {
        var f = new FlagParser("berth network ls").Bool("quiet", "q").Bool("no-trunc").Value("format").Value("filter", "f").Parse(args);
        if (f.Arguments.Count > 0)
            throw new UsageException("\"berth network ls\" accepts no arguments.\nSee 'berth network ls --help'.");
        var filters = EventsCommand.ParseFilters(f.All("filter"));
        using var client = await DaemonConnector.ConnectAsync(context, cancel);
        var networks = await client.ListNetworksAsync(filters, cancel);
        var format = f.Last("format");
        if (string.IsNullOrEmpty(format) || format == Formatter.TableKey)
            format = f.Flag("quiet") ? NetworkRows.QuietFormat : NetworkRows.DefaultTable;
        var noTrunc = f.Flag("no-trunc");
        var rows = NetworkRows.Sorted(networks).Select(n => NetworkRows.Row(n, noTrunc));
        await context.Out.WriteAsync(Formatter.Render(format, rows, NetworkRows.Headers, NetworkRows.DefaultTable));
        return 0;
    }
}
