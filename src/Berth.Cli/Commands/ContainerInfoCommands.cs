using Berth.Cli.Formatting;
using Berth.Cli.Support;

namespace Berth.Cli.Commands;

// top, port and container prune.
public static class ContainerInfoCommands
{
    public static async Task<int> TopAsync(CliContext context, IReadOnlyList<string> args, CancellationToken cancel)
    {
        var f = new FlagParser("berth top").Parse(args, stopAtFirstArgument: true);
        ContainerLifecycleCommands.RequireArgs(f, "berth top", 1);
        using var client = await DaemonConnector.ConnectAsync(context, cancel);
        var top = await client.TopContainerAsync(f.Arguments[0], f.Arguments.Count > 1 ? string.Join(' ', f.Arguments.Skip(1)) : null, cancel);
        var tw = new TabWriter(20, 1, 3, ' ');
        tw.Write(string.Join('\t', top.Titles ?? []) + "\n");
        foreach (var p in top.Processes ?? []) tw.Write(string.Join('\t', p) + "\n");
        await context.Out.WriteAsync(tw.Flush());
        return 0;
    }

    public static async Task<int> PortAsync(CliContext context, IReadOnlyList<string> args, CancellationToken cancel)
    {
        var f = new FlagParser("berth port").Parse(args);
        if (f.Arguments.Count is < 1 or > 2)
            throw new UsageException("\"berth port\" requires at least 1 and at most 2 arguments.\nSee 'berth port --help'.");
        string? key = null;
        if (f.Arguments.Count == 2)
        {
            // docker checks the number before asking the daemon, and looks up tcp when no protocol is given.
            var slash = f.Arguments[1].IndexOf('/');
            var number = slash < 0 ? f.Arguments[1] : f.Arguments[1][..slash];
            var proto = slash < 0 || slash == f.Arguments[1].Length - 1 ? "tcp" : f.Arguments[1][(slash + 1)..];
            if (PortNumberError(number) is { } error)
                throw new CommandFailedException($"Error: invalid port ({number}): {error}");
            key = number + "/" + proto;
        }
        using var client = await DaemonConnector.ConnectAsync(context, cancel);
        var container = await client.InspectContainerAsync(f.Arguments[0], cancel: cancel);
        var ports = container.NetworkSettings?.Ports ?? [];
        if (key is null)
        {
            foreach (var line in PortText.Mappings(ports)) await context.Out.WriteLineAsync(line);
            return 0;
        }
        if (!ports.TryGetValue(key, out var bindings) || bindings is null || bindings.Count == 0)
            throw new CommandFailedException($"Error: No public port '{f.Arguments[1]}' published for {f.Arguments[0]}");
        var addresses = bindings.Select(b => PortText.JoinHostPort(b.HostIp ?? "", b.HostPort ?? "")).ToList();
        addresses.Sort(NaturalOrder.Instance);
        foreach (var address in addresses) await context.Out.WriteLineAsync(address);
        return 0;
    }

    // Go's strconv.ParseUint(text, 10, 16) failure text, or null when the text is a port number.
    private static string? PortNumberError(string text)
    {
        if (text.Length == 0 || !text.All(char.IsAsciiDigit))
            return $"strconv.ParseUint: parsing \"{text}\": invalid syntax";
        return text.TrimStart('0').Length > 5 || ulong.Parse(text, System.Globalization.CultureInfo.InvariantCulture) > ushort.MaxValue
            ? $"strconv.ParseUint: parsing \"{text}\": value out of range" : null;
    }

    public static async Task<int> PruneAsync(CliContext context, IReadOnlyList<string> args, CancellationToken cancel)
    {
        var f = new FlagParser("berth container prune").Bool("force", "f").Value("filter").Parse(args);
        if (!f.Flag("force") && !await Confirm(context, "WARNING! This will remove all stopped containers."))
            return 0;
        using var client = await DaemonConnector.ConnectAsync(context, cancel);
        var result = await client.PruneContainersAsync(EventsCommand.ParseFilters(f.All("filter")), cancel);
        await PruneReport.Section(context.Out, "Deleted Containers:", result.ContainersDeleted);
        await context.Out.WriteLineAsync($"Total reclaimed space: {Units.HumanSize(result.SpaceReclaimed)}");
        return 0;
    }

    // docker's prompt: anything but y/Y (including end of input) declines.
    internal static async Task<bool> Confirm(CliContext context, string warning)
    {
        await context.Out.WriteAsync($"{warning}\nAre you sure you want to continue? [y/N] ");
        await context.Out.FlushAsync();
        var answer = Console.In.ReadLine()?.Trim();
        return answer is "y" or "Y";
    }
}
