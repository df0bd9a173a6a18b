using Berth.Cli.Formatting;
using Berth.Cli.Support;

namespace Berth.Cli.Commands.Images;

// `berth image prune`: removes dangling images (all unused ones with -a) after asking, unless -f.
public static class ImagePruneCommand
{
    internal const string DanglingWarning = "WARNING! This will remove all dangling images.\nAre you sure you want to continue? [y/N] ";
    internal const string AllWarning = "WARNING! This will remove all images without at least one container associated to them.\nAre you sure you want to continue? [y/N] ";

    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args, CancellationToken cancel) =>
        await RunAsync(context, args, Console.In, cancel);

    internal static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args, TextReader stdin, CancellationToken cancel)
    {
        var flags = new FlagParser("berth image prune").Bool("all", "a").Bool("force", "f").Value("filter").Parse(args);
        ArgumentCount.Check(flags, "berth image prune", "[OPTIONS]", 0, 0);
        var filters = EventsCommand.ParseFilters(flags.All("filter"));
        var all = flags.Flag("all");
        filters["dangling"] = [all ? "false" : "true"];

        if (!flags.Flag("force"))
        {
            await context.Out.WriteAsync(all ? AllWarning : DanglingWarning);
            await context.Out.FlushAsync(cancel);
            if (!Confirmed(await stdin.ReadLineAsync(cancel)))
                return 0;
        }

        using var client = await DaemonConnector.ConnectAsync(context, cancel);
        var result = await client.PruneImagesAsync(filters, cancel);
        await context.Out.WriteAsync(Report(result));
        return 0;
    }

    // docker accepts "y" and "yes" in any case; anything else, or no answer, is no.
    internal static bool Confirmed(string? answer) => answer?.Trim().ToLowerInvariant() is "y" or "yes";

    // One line of "Deleted Images:", as docker writes it.
    internal static string Describe(Berth.Api.Models.Images.DeleteResponseItem item) =>
        item.Untagged is not null ? $"untagged: {item.Untagged}" : $"deleted: {item.Deleted}";

    internal static string Report(Berth.Api.Models.Images.PruneResult result)
    {
        var text = new System.Text.StringBuilder();
        if (result.ImagesDeleted.Count > 0)
        {
            text.Append("Deleted Images:\n");
            foreach (var item in result.ImagesDeleted) text.Append(Describe(item)).Append('\n');
            text.Append('\n');
        }
        return text.Append($"Total reclaimed space: {Units.HumanSize(result.SpaceReclaimed)}\n").ToString();
    }
}
