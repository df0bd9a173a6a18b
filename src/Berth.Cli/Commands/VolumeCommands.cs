using Berth.Api.Models.Containers;
using Berth.Cli.Formatting;
using Berth.Cli.Support;

namespace Berth.Cli.Commands;

// `berth volume create/ls/inspect/rm/prune`.
public static class VolumeCommands
{
    private const string DefaultTable = "table {{.Driver}}\t{{.Name}}";

    public static async Task<int> CreateAsync(CliContext context, IReadOnlyList<string> args, CancellationToken cancel)
    {
        var f = new FlagParser("berth volume create").Value("name").Value("driver", "d").Value("opt", "o").Value("label").Parse(args);
        if (f.Arguments.Count > 1)
            throw new UsageException("\"berth volume create\" requires at most 1 argument.\nSee 'berth volume create --help'.");
        var name = f.Arguments.Count == 1 ? f.Arguments[0] : f.Last("name");
        if (f.Arguments.Count == 1 && f.Last("name") is { } other && other != name)
            throw new UsageException($"conflicting options: cannot specify a volume-name through both --name and as a positional arg");
        using var client = await DaemonConnector.ConnectAsync(context, cancel);
        var volume = await client.CreateVolumeAsync(new VolumeCreateRequest
        {
            Name = name ?? "", Driver = f.Last("driver") ?? "local", DriverOpts = Map(f.All("opt")), Labels = Map(f.All("label")),
        }, cancel);
        await context.Out.WriteLineAsync(volume.Name);
        return 0;
    }

    public static async Task<int> ListAsync(CliContext context, IReadOnlyList<string> args, CancellationToken cancel)
    {
        var f = new FlagParser("berth volume ls").Bool("quiet", "q").Value("filter", "f").Value("format").Bool("cluster").Parse(args);
        using var client = await DaemonConnector.ConnectAsync(context, cancel);
        var list = await client.ListVolumesAsync(EventsCommand.ParseFilters(f.All("filter")), cancel);
        var volumes = (list.Volumes ?? []).OrderBy(v => v.Name, StringComparer.Ordinal).ToList();
        if (f.Flag("quiet") && string.IsNullOrEmpty(f.Last("format")))
        {
            foreach (var v in volumes) await context.Out.WriteLineAsync(v.Name);
            return 0;
        }
        var headers = new Dictionary<string, string> { ["Driver"] = "DRIVER", ["Name"] = "VOLUME NAME", ["Mountpoint"] = "MOUNTPOINT", ["Scope"] = "SCOPE", ["Labels"] = "LABELS" };
        var rows = volumes.Select(v => TemplateObject.Struct("formatter.volumeContext",
        [
            new("Availability", "N/A"), new("Driver", v.Driver), new("Group", "N/A"),
            new("Labels", string.Join(",", (v.Labels ?? []).Select(l => $"{l.Key}={l.Value}"))),
            new("Links", "N/A"), new("Mountpoint", v.Mountpoint), new("Name", v.Name), new("Scope", v.Scope),
            new("Size", "N/A"), new("Status", "N/A"),
        ]));
        await context.Out.WriteAsync(Formatter.Render(f.Last("format"), rows, headers, DefaultTable));
        return 0;
    }

    public static async Task<int> RemoveAsync(CliContext context, IReadOnlyList<string> args, CancellationToken cancel)
    {
        var f = new FlagParser("berth volume rm").Bool("force", "f").Parse(args);
        ContainerLifecycleCommands.RequireArgs(f, "berth volume rm", 1);
        using var client = await DaemonConnector.ConnectAsync(context, cancel);
        var failed = false;
        foreach (var name in f.Arguments)
        {
            try
            {
                await client.RemoveVolumeAsync(name, f.Flag("force"), cancel);
                await context.Out.WriteLineAsync(name);
            }
            catch (Berth.Client.ClientException e) when (e.Status > 0)
            {
                await context.Err.WriteLineAsync($"Error response from daemon: {e.Message}");
                failed = true;
            }
        }
        return failed ? 1 : 0;
    }

    public static async Task<int> PruneAsync(CliContext context, IReadOnlyList<string> args, CancellationToken cancel)
    {
        var f = new FlagParser("berth volume prune").Bool("force", "f").Bool("all", "a").Value("filter").Parse(args);
        var warning = f.Flag("all") ? "WARNING! This will remove all local volumes not used by at least one container."
            : "WARNING! This will remove anonymous local volumes not used by at least one container.";
        if (!f.Flag("force") && !await ContainerInfoCommands.Confirm(context, warning))
            return 0;
        var filters = EventsCommand.ParseFilters(f.All("filter"));
        if (f.Flag("all")) filters["all"] = ["true"];
        using var client = await DaemonConnector.ConnectAsync(context, cancel);
        var result = await client.PruneVolumesAsync(filters, cancel);
        await PruneReport.Section(context.Out, "Deleted Volumes:", result.VolumesDeleted);
        await context.Out.WriteLineAsync($"Total reclaimed space: {Units.HumanSize(result.SpaceReclaimed)}");
        return 0;
    }

    private static Dictionary<string, string> Map(IReadOnlyList<string> values)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var v in values)
        {
            var eq = v.IndexOf('=');
            map[eq < 0 ? v : v[..eq]] = eq < 0 ? "" : v[(eq + 1)..];
        }
        return map;
    }
}
