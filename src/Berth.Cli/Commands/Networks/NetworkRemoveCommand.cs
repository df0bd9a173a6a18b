using Berth.Cli.Support;
using Berth.Client;

namespace Berth.Cli.Commands.Networks;

// `berth network rm`: removes each network in turn, printing its name; a failure is one line and exit 1,
// except that -f passes over networks that do not exist.
public static class NetworkRemoveCommand
{
    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args, CancellationToken cancel)
    {
        var f = new FlagParser("berth network rm").Bool("force", "f").Parse(args);
        ContainerLifecycleCommands.RequireArgs(f, "berth network rm", 1);
        using var client = await DaemonConnector.ConnectAsync(context, cancel);
        var failed = false;
        foreach (var name in f.Arguments)
        {
            try
            {
                await client.RemoveNetworkAsync(name, cancel);
                await context.Out.WriteLineAsync(name);
            }
            catch (ClientException e) when (e.Status == 404 && f.Flag("force"))
            {
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
