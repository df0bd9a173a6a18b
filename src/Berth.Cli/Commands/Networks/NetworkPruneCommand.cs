using Berth.Cli.Support;

namespace Berth.Cli.Commands.Networks;

// `berth network prune`: asks first unless -f, then lists what the daemon removed.
public static class NetworkPruneCommand
{
    private const string Warning = "WARNING! This will remove all custom networks not used by at least one container.";

    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args, CancellationToken cancel)
    {
        var f = new FlagParser("berth network prune").Bool("force", "f").Value("filter").Parse(args);
        if (f.Arguments.Count > 0)
            throw new UsageException("\"berth network prune\" accepts no arguments.\nSee 'berth network prune --help'.");
        var filters = EventsCommand.ParseFilters(f.All("filter"));
        if (!f.Flag("force") && !await ContainerInfoCommands.Confirm(context, Warning))
            return 0;
        using var client = await DaemonConnector.ConnectAsync(context, cancel);
        var result = await client.PruneNetworksAsync(filters, cancel);
        await PruneReport.Section(context.Out, "Deleted Networks:", result.NetworksDeleted);
        return 0;
    }
}
