using Berth.Cli.Support;

namespace Berth.Cli.Commands.Images;

// `berth save` / `berth image save`: streams the images' archive to -o FILE or to stdout (never to a terminal).
// A file is written beside its destination and renamed into place only when complete, so a failure leaves any
// earlier file as it was.
public static class SaveCommand
{
    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args, CancellationToken cancel)
    {
        var flags = new FlagParser("berth save").Value("output", "o").Value("platform").Parse(args);
        ArgumentCount.Check(flags, "berth save", "[OPTIONS] IMAGE [IMAGE...]", 1, int.MaxValue);
        if (flags.IsSet("platform"))
            throw new UsageException("--platform is not supported yet");
        var output = flags.Last("output");
        if (string.IsNullOrEmpty(output) && StandardStreams.OutputIsTerminal)
            throw new CommandFailedException("cowardly refusing to save to a terminal. Use the -o flag or redirect");

        using var client = await DaemonConnector.ConnectAsync(context, cancel);
        await using var archive = await client.SaveImagesAsync(flags.Arguments, cancel);
        if (string.IsNullOrEmpty(output))
        {
            await using var stdout = StandardStreams.OpenOutput();
            await archive.CopyToAsync(stdout, 64 * 1024, cancel);
            return 0;
        }
        await WriteFileAsync(archive, output, cancel);
        return 0;
    }

    private static async Task WriteFileAsync(Stream archive, string path, CancellationToken cancel)
    {
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.berth-save-{Environment.ProcessId}");
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024))
            {
                await archive.CopyToAsync(file, 64 * 1024, cancel);
                await file.FlushAsync(cancel);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CommandFailedException($"failed to save image: {e.Message}");
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
