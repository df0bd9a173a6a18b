using Berth.Cli.Support;
using Berth.Client;

namespace Berth.Cli.Commands.Images;

// `berth rmi` / `berth image rm`: removes each named image in turn; a failure for one name is reported and the
// others are still removed, and the command then exits 1, as docker does.
public static class RemoveImageCommand
{
    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args, CancellationToken cancel)
    {
        var flags = new FlagParser("berth rmi").Bool("force", "f").Bool("no-prune").Value("platform").Parse(args);
        ArgumentCount.Check(flags, "berth rmi", "[OPTIONS] IMAGE [IMAGE...]", 1, int.MaxValue);
        if (flags.IsSet("platform"))
            throw new UsageException("--platform is not supported yet");

        using var client = await DaemonConnector.ConnectAsync(context, cancel);
        var failed = false;
        foreach (var name in flags.Arguments)
        {
            try
            {
                foreach (var item in await client.RemoveImageAsync(name, flags.Flag("force"), flags.Flag("no-prune"), cancel))
                    await context.Out.WriteLineAsync(item.ToString());
            }
            catch (ClientException e) when (e.Status > 0)
            {
                await context.Err.WriteLineAsync($"Error response from daemon: {e.Message}");
                failed = true;
            }
        }
        return failed ? 1 : 0;
    }
}
