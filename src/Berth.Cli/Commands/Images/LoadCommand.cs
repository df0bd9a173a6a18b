using Berth.Cli.Support;

namespace Berth.Cli.Commands.Images;

// `berth load` / `berth image load`: streams an image archive (-i FILE, else stdin) to the daemon and prints what
// it loaded.
public static class LoadCommand
{
    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args, CancellationToken cancel)
    {
        var flags = new FlagParser("berth load").Value("input", "i").Bool("quiet", "q").Value("platform").Parse(args);
        ArgumentCount.Check(flags, "berth load", "[OPTIONS]", 0, 0);
        if (flags.IsSet("platform"))
            throw new UsageException("--platform is not supported yet");

        var input = flags.Last("input");
        if (string.IsNullOrEmpty(input) && StandardStreams.InputIsTerminal)
            throw new CommandFailedException("requested load from stdin, but stdin is empty");
        await using var archive = string.IsNullOrEmpty(input) ? StandardStreams.OpenInput() : OpenFile(input);

        using var client = await DaemonConnector.ConnectAsync(context, cancel);
        await ProgressOutput.PrintAsync(client.LoadImageAsync(archive, flags.Flag("quiet"), cancel), context.Out, cancel);
        return 0;
    }

    internal static Stream OpenFile(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CommandFailedException($"open {path}: {Describe(e)}");
        }
    }

    // Go's wording for the common cases, as docker prints them.
    private static string Describe(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => "no such file or directory",
        UnauthorizedAccessException => "permission denied",
        _ => e.Message,
    };
}
