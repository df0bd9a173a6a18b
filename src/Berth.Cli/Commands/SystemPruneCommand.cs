using Berth.Cli.Formatting;
using Berth.Cli.Support;

namespace Berth.Cli.Commands;

// `berth system prune`: after asking (unless -f), what `container prune`, `network prune`, `volume prune` (with
// --volumes) and `image prune` (-a for every unused image) each remove, in docker's order, then the space they
// freed together. Berth has no build cache, so there is none to remove or to warn about.
public static class SystemPruneCommand
{
    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args, CancellationToken cancel)
    {
        var f = new FlagParser("berth system prune").Bool("all", "a").Bool("force", "f").Bool("volumes").Value("filter").Parse(args);
        ArgumentCount.Check(f, "berth system prune", "[OPTIONS]", 0, 0);
        var all = f.Flag("all");
        var volumes = f.Flag("volumes");
        if (!f.Flag("force") && !await ContainerInfoCommands.Confirm(context, Warning(all, volumes)))
            return 0;

        using var client = await DaemonConnector.ConnectAsync(context, cancel);
        var o = context.Out;
        double reclaimed = 0;
        var containers = await client.PruneContainersAsync(Filters(f), cancel);
        reclaimed += containers.SpaceReclaimed;
        await PruneReport.Section(o, "Deleted Containers:", containers.ContainersDeleted);
        var networks = await client.PruneNetworksAsync(Filters(f), cancel);
        await PruneReport.Section(o, "Deleted Networks:", networks.NetworksDeleted);
        if (volumes)
        {
            var deletedVolumes = await client.PruneVolumesAsync(Filters(f), cancel);
            reclaimed += deletedVolumes.SpaceReclaimed;
            await PruneReport.Section(o, "Deleted Volumes:", deletedVolumes.VolumesDeleted);
        }
        var imageFilters = Filters(f);
        imageFilters["dangling"] = [all ? "false" : "true"];
        var images = await client.PruneImagesAsync(imageFilters, cancel);
        reclaimed += images.SpaceReclaimed;
        await PruneReport.Section(o, "Deleted Images:", images.ImagesDeleted.Select(Images.ImagePruneCommand.Describe).ToList());
        await o.WriteLineAsync($"Total reclaimed space: {Units.HumanSize(reclaimed)}");
        return 0;
    }

    internal static string Warning(bool all, bool volumes)
    {
        var lines = new List<string> { "WARNING! This will remove:", "  - all stopped containers", "  - all networks not used by at least one container" };
        if (volumes) lines.Add("  - all anonymous volumes not used by at least one container");
        lines.Add(all ? "  - all images without at least one container associated to them" : "  - all dangling images");
        return string.Join('\n', lines) + "\n";
    }

    // A fresh dictionary per prune: each request adds its own keys.
    private static Dictionary<string, List<string>> Filters(ParsedFlags f) => EventsCommand.ParseFilters(f.All("filter"));
}
