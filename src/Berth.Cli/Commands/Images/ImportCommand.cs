using Berth.Cli.Support;

namespace Berth.Cli.Commands.Images;

// `berth import file|- [REPOSITORY[:TAG]]` / `berth image import`: makes a one-layer image from a filesystem tar and
// prints its ID.
public static class ImportCommand
{
    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args, CancellationToken cancel)
    {
        var flags = new FlagParser("berth import").Value("change", "c").Value("message", "m").Value("platform").Parse(args);
        ArgumentCount.Check(flags, "berth import", "[OPTIONS] file|URL|- [REPOSITORY[:TAG]]", 1, 2);
        if (flags.IsSet("platform"))
            throw new UsageException("--platform is not supported yet");
        var source = flags.Arguments[0];
        if (source.Contains("://", StringComparison.Ordinal))
            throw new CommandFailedException("importing from a URL is not supported yet; download the file and import it");
        string? repository = null, tag = null;
        if (flags.Arguments.Count == 2)
            (repository, tag) = TagCommand.SplitReference(flags.Arguments[1]);

        await using var input = source == "-" ? StandardStreams.OpenInput() : LoadCommand.OpenFile(source);
        using var client = await DaemonConnector.ConnectAsync(context, cancel);
        var messages = client.ImportImageAsync(input, repository, tag, flags.All("change"), flags.Last("message"), cancel);
        await ProgressOutput.PrintAsync(messages, context.Out, cancel);
        return 0;
    }
}
