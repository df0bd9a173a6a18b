using Berth.Cli.Formatting.Rows;
using Berth.Cli.Support;

namespace Berth.Cli.Commands.Images;

// `berth system df`: disk usage by images, containers, volumes and build cache.
public static class SystemDfCommand
{
    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args, CancellationToken cancel)
    {
        var flags = new FlagParser("berth system df").Value("format").Bool("verbose", "v").Parse(args);
        ArgumentCount.Check(flags, "berth system df", "[OPTIONS]", 0, 0);

        using var client = await DaemonConnector.ConnectAsync(context, cancel);
        var usage = await client.DiskUsageAsync(cancel);
        if (flags.Flag("verbose"))
        {
            if (!string.IsNullOrEmpty(flags.Last("format")))
                throw new UsageException("--format is not supported yet with --verbose");
            await context.Out.WriteAsync(DiskUsageVerbose.Render(usage, DateTimeOffset.Now));
            return 0;
        }
        var rows = DiskUsageRows.Build(usage);
        await context.Out.WriteAsync(ImagesCommand.Render(flags.Last("format"), rows, DiskUsageRows.Headers, DiskUsageRows.TableFormat));
        return 0;
    }
}
