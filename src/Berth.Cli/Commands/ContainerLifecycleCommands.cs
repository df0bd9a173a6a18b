using Berth.Cli.Support;
using Berth.Client;

namespace Berth.Cli.Commands;

// start, stop, restart, kill, pause, unpause, rm, wait, rename: each container named in turn, its name echoed on
// success and the daemon's error on stderr otherwise (exit 1 when any failed), as docker does.
public static class ContainerLifecycleCommands
{
    public static async Task<int> StopAsync(CliContext context, IReadOnlyList<string> args, CancellationToken cancel)
    {
        var f = new FlagParser("berth stop").Value("time", "t").Value("timeout").Value("signal", "s").Parse(args);
        var timeout = Timeout(f);
        return await ForEach(context, f, "berth stop", cancel, (c, id) => c.StopContainerAsync(id, timeout, f.Last("signal"), cancel));
    }

    public static async Task<int> RestartAsync(CliContext context, IReadOnlyList<string> args, CancellationToken cancel)
    {
        var f = new FlagParser("berth restart").Value("time", "t").Value("timeout").Value("signal", "s").Parse(args);
        var timeout = Timeout(f);
        return await ForEach(context, f, "berth restart", cancel, (c, id) => c.RestartContainerAsync(id, timeout, f.Last("signal"), cancel));
    }

    public static Task<int> KillAsync(CliContext context, IReadOnlyList<string> args, CancellationToken cancel)
    {
        var f = new FlagParser("berth kill").Value("signal", "s").Parse(args);
        return ForEach(context, f, "berth kill", cancel, (c, id) => c.KillContainerAsync(id, f.Last("signal"), cancel));
    }

    public static Task<int> PauseAsync(CliContext context, IReadOnlyList<string> args, CancellationToken cancel) =>
        ForEach(context, new FlagParser("berth pause").Parse(args), "berth pause", cancel, (c, id) => c.PauseContainerAsync(id, cancel));

    public static Task<int> UnpauseAsync(CliContext context, IReadOnlyList<string> args, CancellationToken cancel) =>
        ForEach(context, new FlagParser("berth unpause").Parse(args), "berth unpause", cancel, (c, id) => c.UnpauseContainerAsync(id, cancel));

    public static Task<int> RemoveAsync(CliContext context, IReadOnlyList<string> args, CancellationToken cancel)
    {
        var f = new FlagParser("berth rm").Bool("force", "f").Bool("volumes", "v").Bool("link", "l").Parse(args);
        return ForEach(context, f, "berth rm", cancel, (c, id) => c.RemoveContainerAsync(id, f.Flag("force"), f.Flag("volumes"), f.Flag("link"), cancel));
    }

    public static async Task<int> WaitAsync(CliContext context, IReadOnlyList<string> args, CancellationToken cancel)
    {
        var f = new FlagParser("berth wait").Parse(args);
        RequireArgs(f, "berth wait", 1);
        using var client = await DaemonConnector.ConnectAsync(context, cancel);
        var failed = false;
        foreach (var id in f.Arguments)
        {
            try
            {
                var result = await client.WaitContainerAsync(id, null, cancel);
                await context.Out.WriteLineAsync(result.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            catch (ClientException e) when (e.Status > 0)
            {
                await context.Err.WriteLineAsync($"Error response from daemon: {e.Message}");
                failed = true;
            }
        }
        return failed ? 1 : 0;
    }

    public static async Task<int> RenameAsync(CliContext context, IReadOnlyList<string> args, CancellationToken cancel)
    {
        var f = new FlagParser("berth rename").Parse(args);
        if (f.Arguments.Count != 2)
            throw new UsageException($"\"berth rename\" requires exactly 2 arguments.\nSee 'berth rename --help'.");
        using var client = await DaemonConnector.ConnectAsync(context, cancel);
        await client.RenameContainerAsync(f.Arguments[0], f.Arguments[1], cancel);
        return 0;
    }

    // start: several containers are started and named; with -a/-i one container is attached as run does.
    public static async Task<int> StartAsync(CliContext context, IReadOnlyList<string> args, CancellationToken cancel)
    {
        var f = new FlagParser("berth start").Bool("attach", "a").Bool("interactive", "i").Value("detach-keys")
            .Value("checkpoint").Value("checkpoint-dir").Parse(args);
        RequireArgs(f, "berth start", 1);
        if (f.IsSet("checkpoint")) throw new UsageException("checkpoints are not supported yet");
        if (!f.Flag("attach") && !f.Flag("interactive"))
            return await StartEachAsync(context, f, cancel);
        if (f.Arguments.Count > 1)
            throw new UsageException("you cannot start and attach multiple containers at once");

        using var client = await DaemonConnector.ConnectAsync(context, cancel);
        var container = await client.InspectContainerAsync(f.Arguments[0], cancel: cancel);
        var config = container.Config!;
        var stdin = f.Flag("interactive") && config.OpenStdin;
        if (config.Tty && stdin && !StandardStreams.InIsTerminal())
        {
            await context.Err.WriteLineAsync("the input device is not a TTY");
            return 1;
        }
        var detachKeys = f.Last("detach-keys");
        using var connection = await client.AttachContainerAsync(container.Id, stdin, true, true, detachKeys, cancel);
        var wait = client.WaitContainerAsync(container.Id, "next-exit", CancellationToken.None);
        await client.StartContainerAsync(container.Id, cancel);
        return await RunCommand.StreamAndWaitAsync(context, client, container.Id, connection, config.Tty, stdin, !config.Tty, detachKeys, wait, null);
    }

    // A plain start on the blocking client, as run (see RunCommand): no thread pool for calls answered one by one.
    private static async Task<int> StartEachAsync(CliContext context, ParsedFlags f, CancellationToken cancel)
    {
        var client = await DaemonConnector.ConnectBlockingAsync(context, cancel);
        var failed = false;
        foreach (var id in f.Arguments)
        {
            try
            {
                client.StartContainer(id, cancel);
                context.Out.WriteLine(id);
            }
            catch (ClientException e) when (e.Status > 0)
            {
                context.Err.WriteLine($"Error response from daemon: {e.Message}");
                failed = true;
            }
        }
        return failed ? 1 : 0;
    }

    private static int? Timeout(ParsedFlags f)
    {
        var value = f.Last("time") ?? f.Last("timeout");
        if (value is null) return null;
        return int.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var t) ? t
            : throw new UsageException($"invalid argument \"{value}\" for \"-t, --time\" flag: strconv.ParseInt: parsing \"{value}\": invalid syntax");
    }

    internal static void RequireArgs(ParsedFlags f, string command, int min)
    {
        if (f.Arguments.Count < min)
            throw new UsageException($"\"{command}\" requires at least {min} argument{(min == 1 ? "" : "s")}.\nSee '{command} --help'.");
    }

    private static async Task<int> ForEach(CliContext context, ParsedFlags f, string command, CancellationToken cancel, Func<BerthClient, string, Task> act)
    {
        RequireArgs(f, command, 1);
        using var client = await DaemonConnector.ConnectAsync(context, cancel);
        var failed = false;
        foreach (var id in f.Arguments)
        {
            try
            {
                await act(client, id);
                await context.Out.WriteLineAsync(id);
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
