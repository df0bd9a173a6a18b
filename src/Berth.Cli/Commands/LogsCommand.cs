using Berth.Cli.Support;
using Berth.Client;
using Berth.Client.Hijack;

namespace Berth.Cli.Commands;

// `berth logs`: the container's log, demultiplexed to stdout/stderr unless it has a TTY.
public static class LogsCommand
{
    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args, CancellationToken cancel)
    {
        var f = new FlagParser("berth logs").Bool("follow", "f").Value("tail", "n").Value("since").Value("until")
            .Bool("timestamps", "t").Bool("details").Parse(args);
        if (f.Arguments.Count != 1)
            throw new UsageException("\"berth logs\" requires exactly 1 argument.\nSee 'berth logs --help'.");
        var now = DateTimeOffset.Now;
        var options = new ContainerLogsOptions(f.Flag("follow"), f.Last("tail") ?? "all", TimestampArgument.ToApi(f.Last("since"), now),
            TimestampArgument.ToApi(f.Last("until"), now), f.Flag("timestamps"), f.Flag("details"));
        using var client = await DaemonConnector.ConnectAsync(context, cancel);
        var container = await client.InspectContainerAsync(f.Arguments[0], cancel: cancel);
        await using var stream = await client.GetContainerLogsAsync(container.Id, options, cancel);
        var stdout = StandardStreams.Out(context);
        if (container.Config?.Tty == true)
        {
            await stream.CopyToAsync(stdout, cancel);
            await stdout.FlushAsync(cancel);
        }
        else
            await StreamDemultiplexer.CopyAsync(stream, stdout, StandardStreams.Err(context), cancel);
        return 0;
    }
}
