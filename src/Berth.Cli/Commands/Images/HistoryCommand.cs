using Berth.Cli.Formatting.Rows;
using Berth.Cli.Support;

namespace Berth.Cli.Commands.Images;

// `berth history IMAGE` / `berth image history`: the image's build steps, newest first.
public static class HistoryCommand
{
    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args, CancellationToken cancel)
    {
        var flags = new FlagParser("berth history").Value("format").Bool("human", "H").Bool("no-trunc").Value("platform")
            .Bool("quiet", "q").Parse(args);
        ArgumentCount.Check(flags, "berth history", "[OPTIONS] IMAGE", 1, 1);
        if (flags.IsSet("platform"))
            throw new UsageException("--platform is not supported yet");
        var human = !flags.IsSet("human") || flags.Flag("human");
        var format = flags.Last("format");
        if (flags.Flag("quiet")) format = HistoryRows.QuietFormat;

        using var client = await DaemonConnector.ConnectAsync(context, cancel);
        var history = await client.ImageHistoryAsync(flags.Arguments[0], cancel);
        var rows = HistoryRows.Build(history, human, flags.Flag("no-trunc"), DateTimeOffset.Now);
        var table = human ? HistoryRows.TableFormat : HistoryRows.NonHumanTableFormat;
        await context.Out.WriteAsync(ImagesCommand.Render(format, rows, HistoryRows.Headers, table));
        return 0;
    }
}
