using Berth.Cli.Support;

namespace Berth.Cli.Commands;

// `berth attach`: connect the terminal to a running container's stdio; exits with the container's code.
public static class AttachCommand
{
    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args, CancellationToken cancel)
    {
        var f = new FlagParser("berth attach").Bool("no-stdin").Bool("sig-proxy").Value("detach-keys").Parse(args);
        if (f.Arguments.Count != 1)
            throw new UsageException("\"berth attach\" requires exactly 1 argument.\nSee 'berth attach --help'.");
        using var client = await DaemonConnector.ConnectAsync(context, cancel);
        var container = await client.InspectContainerAsync(f.Arguments[0], cancel: cancel);
        if (container.State is not { Running: true })
        {
            await context.Err.WriteLineAsync("You cannot attach to a stopped container, start it first");
            return 1;
        }
        if (container.State.Paused)
        {
            await context.Err.WriteLineAsync("You cannot attach to a paused container, unpause it first");
            return 1;
        }
        var tty = container.Config?.Tty == true;
        var stdin = !f.Flag("no-stdin") && container.Config?.OpenStdin == true;
        if (tty && stdin && !StandardStreams.InIsTerminal())
        {
            await context.Err.WriteLineAsync("the input device is not a TTY");
            return 1;
        }
        var sigProxy = !f.IsSet("sig-proxy") || f.Flag("sig-proxy");
        var wait = client.WaitContainerAsync(container.Id, "next-exit", CancellationToken.None);
        using var connection = await client.AttachContainerAsync(container.Id, stdin, true, true, f.Last("detach-keys"), cancel);
        return await RunCommand.StreamAndWaitAsync(context, client, container.Id, connection, tty, stdin, sigProxy, f.Last("detach-keys"), wait, null);
    }
}
