using Berth.Cli.Support;

namespace Berth.Cli.Commands;

// `berth diff`, `berth export`, `berth commit` and `berth cp`, with docker's flags and output.
public static class ContainerArchiveCommands
{
    public static async Task<int> DiffAsync(CliContext context, IReadOnlyList<string> args, CancellationToken cancel)
    {
        var flags = new FlagParser("berth diff").Parse(args);
        ArgumentCount.Check(flags, "berth diff", "CONTAINER", 1, 1);
        using var client = await DaemonConnector.ConnectAsync(context, cancel);
        foreach (var change in await client.ContainerChangesAsync(flags.Arguments[0], cancel))
            context.Out.WriteLine($"{change.Kind switch { 0 => "C", 1 => "A", 2 => "D", _ => "?" }} {change.Path}");
        return 0;
    }

    public static async Task<int> ExportAsync(CliContext context, IReadOnlyList<string> args, CancellationToken cancel)
    {
        var flags = new FlagParser("berth export").Value("output", "o").Parse(args);
        ArgumentCount.Check(flags, "berth export", "[OPTIONS] CONTAINER", 1, 1);
        var output = flags.Last("output");
        if (string.IsNullOrEmpty(output) && StandardStreams.OutputIsTerminal)
            throw new CommandFailedException("cowardly refusing to save to a terminal. Use the -o flag or redirect");
        using var client = await DaemonConnector.ConnectAsync(context, cancel);
        await using var tar = await client.ExportContainerAsync(flags.Arguments[0], cancel);
        if (string.IsNullOrEmpty(output))
        {
            await using var stdout = StandardStreams.OpenOutput();
            await tar.CopyToAsync(stdout, 64 * 1024, cancel);
            return 0;
        }
        try
        {
            await using var file = new FileStream(output, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024);
            await tar.CopyToAsync(file, 64 * 1024, cancel);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CommandFailedException($"failed to export container: {e.Message}");
        }
        return 0;
    }

    public static async Task<int> CommitAsync(CliContext context, IReadOnlyList<string> args, CancellationToken cancel)
    {
        var flags = new FlagParser("berth commit").Value("author", "a").Value("change", "c").Value("message", "m")
            .Value("pause", "p").Parse(args);
        ArgumentCount.Check(flags, "berth commit", "[OPTIONS] CONTAINER [REPOSITORY[:TAG]]", 1, 2);
        string? repository = null, tag = null;
        if (flags.Arguments.Count == 2)
            (repository, tag) = Images.TagCommand.SplitReference(flags.Arguments[1]);
        var pause = flags.Last("pause") is not { } p || p is "true" or "1" or "";
        using var client = await DaemonConnector.ConnectAsync(context, cancel);
        var id = await client.CommitContainerAsync(flags.Arguments[0], repository, tag, flags.Last("message"),
            flags.Last("author"), pause, flags.All("change"), cancel);
        context.Out.WriteLine(id);
        return 0;
    }

    // docker cp: one side is CONTAINER:PATH, the other a local path or "-" (a tar on stdout or stdin). As the docker
    // CLI, progress is only reported when stdout is a terminal, unless -q.
    public static async Task<int> CopyAsync(CliContext context, IReadOnlyList<string> args, CancellationToken cancel)
    {
        var flags = new FlagParser("berth cp").Bool("archive", "a").Bool("follow-link", "L").Bool("quiet", "q").Parse(args);
        ArgumentCount.Check(flags, "berth cp", "[OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-", 2, 2);
        var (source, destination) = (flags.Arguments[0], flags.Arguments[1]);
        if (source.Length == 0) throw new CommandFailedException("source can not be empty");
        if (destination.Length == 0) throw new CommandFailedException("destination can not be empty");
        var quiet = flags.IsSet("quiet") ? flags.Flag("quiet") : !StandardStreams.OutIsTerminal();
        var from = SplitContainerPath(source);
        var to = SplitContainerPath(destination);
        if (from is not null && to is not null)
            throw new CommandFailedException("copying between containers is not supported");
        if (from is null && to is null)
            throw new CommandFailedException("must specify at least one container source");
        using var client = await DaemonConnector.ConnectAsync(context, cancel);
        if (from is { } src)
            await Copy.CopyFromContainer.RunAsync(context, client, src.Container, src.Path, destination, flags.Flag("follow-link"), quiet, cancel);
        else
            await Copy.CopyToContainer.RunAsync(context, client, source, to!.Value.Container, to.Value.Path, flags.Flag("follow-link"),
                flags.Flag("archive"), quiet, cancel);
        return 0;
    }

    // docker's splitCpArg: "NAME:PATH" names a container path unless the argument is an absolute path or the part
    // before ':' starts with '.' (./file:name.txt is local).
    private static (string Container, string Path)? SplitContainerPath(string arg)
    {
        if (arg.StartsWith('/')) return null;
        var colon = arg.IndexOf(':');
        if (colon < 0 || arg.StartsWith('.')) return null;
        var container = arg[..colon];
        if (container.Length == 0) return null;
        return (container, arg[(colon + 1)..]);
    }
}
