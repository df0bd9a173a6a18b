using Berth.Cli.Formatting;
using Berth.Cli.Formatting.Rows;
using Berth.Cli.Support;

namespace Berth.Cli.Commands.Images;

// `berth images` / `berth image ls`: docker's image list, its flags and its table.
public static class ImagesCommand
{
    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args, CancellationToken cancel)
    {
        var flags = new FlagParser("berth images").Bool("all", "a").Bool("digests").Value("filter", "f").Value("format")
            .Bool("no-trunc").Bool("quiet", "q").Parse(args);
        ArgumentCount.Check(flags, "berth images", "[OPTIONS] [REPOSITORY[:TAG]]", 0, 1);
        var filters = EventsCommand.ParseFilters(flags.All("filter"));
        if (flags.Arguments.Count == 1)
        {
            if (!filters.TryGetValue("reference", out var references)) filters["reference"] = references = [];
            references.Add(flags.Arguments[0]);
        }

        var format = flags.Last("format");
        var digests = flags.Flag("digests");
        if (flags.Flag("quiet"))
        {
            if (!string.IsNullOrEmpty(format))
                await context.Err.WriteLineAsync("WARNING: Ignoring custom format, because both --format and --quiet are set.");
            format = ImageRows.QuietFormat;
        }

        using var client = await DaemonConnector.ConnectAsync(context, cancel);
        var images = await client.ListImagesAsync(flags.Flag("all"), digests, filters, cancel);
        var rows = ImageRows.Build(images, digests, flags.Flag("no-trunc"), DateTimeOffset.Now);
        var table = digests ? ImageRows.DigestTableFormat : ImageRows.TableFormat;
        await context.Out.WriteAsync(Render(format, rows, ImageRows.Headers, table));
        return 0;
    }

    // Template errors are the user's: docker prints them and exits 1.
    internal static string Render(string? format, IEnumerable<TemplateObject> rows, IReadOnlyDictionary<string, string> headers, string table)
    {
        try
        {
            return Formatter.Render(format, rows, headers, table);
        }
        catch (TemplateException e)
        {
            throw new CommandFailedException(e.Message);
        }
    }
}
