using Berth.Api.Models.Containers;
using Berth.Cli.Support;
using Berth.Client;
using Berth.Client.Hijack;

namespace Berth.Cli.Commands;

// `berth run` and `berth create` (and their `container` forms): docker's sequence of calls — create, then for run
// attach and wait before start, stream until the container exits and exit with its code.
public static class RunCommand
{
    public static Task<int> RunAsync(CliContext context, IReadOnlyList<string> args, CancellationToken cancel) =>
        ExecuteAsync(context, args, isRun: true, cancel);

    public static Task<int> CreateAsync(CliContext context, IReadOnlyList<string> args, CancellationToken cancel) =>
        ExecuteAsync(context, args, isRun: false, cancel);

    // Every call to the daemon blocks this thread (BlockingClient), and the output is copied here too: a plain
    // `run` starts no thread-pool worker, timer or socket event thread. Messages are written synchronously for the
    // same reason (an async write to the console's writer flushes through the thread pool).
    private static async Task<int> ExecuteAsync(CliContext context, IReadOnlyList<string> args, bool isRun, CancellationToken cancel)
    {
        var command = isRun ? "berth run" : "berth create";
        var options = new RunOptionsParser(context.Env, File.ReadAllLines).Parse(command, args, isRun);
        var request = options.Request;
        if (request.Tty && request.AttachStdin && !StandardStreams.InIsTerminal())
        {
            context.Err.WriteLine("the input device is not a TTY");
            return 1;
        }
        if (request.Tty && TerminalSize.Get() is { } size)
            request.HostConfig!.ConsoleSize = [(uint)size.Height, (uint)size.Width];

        var client = await DaemonConnector.ConnectBlockingAsync(context, cancel);
        string id;
        try
        {
            var created = client.CreateContainer(request, options.Name, options.Platform, cancel);
            id = created.Id;
            foreach (var w in created.Warnings) context.Err.WriteLine("WARNING: " + w);
        }
        catch (ClientException e) when (e.Status == 404 && e.Message.StartsWith("No such image", StringComparison.Ordinal))
        {
            context.Err.WriteLine($"Unable to find image '{WithTag(options.Image)}' locally");
            return Fail(context, command, $"Error response from daemon: {e.Message} (pulling images is not supported yet; load it with 'berth load')", 125);
        }
        catch (ClientException e) when (e.Status > 0)
        {
            return Fail(context, command, $"Error response from daemon: {e.Message}", 125);
        }
        if (options.CidFile is { } cidFile)
            File.WriteAllText(cidFile, id);
        if (!isRun)
        {
            context.Out.WriteLine(id);
            return 0;
        }

        var attach = request.AttachStdin || request.AttachStdout || request.AttachStderr;
        HijackedConnection? connection = null;
        PendingWait? wait = null;
        try
        {
            if (attach)
                connection = client.AttachContainer(id, request.AttachStdin, request.AttachStdout, request.AttachStderr, options.DetachKeys, cancel);
            // Registered before start, so an exit right after start is not missed.
            if (!options.Detach)
                wait = client.BeginWait(id, request.HostConfig!.AutoRemove ? "removed" : "next-exit", cancel);
            try
            {
                client.StartContainer(id, cancel);
            }
            catch (ClientException e) when (e.Status > 0)
            {
                return Fail(context, command, $"Error response from daemon: {e.Message}", StartFailureCode(e.Message));
            }
            if (options.Detach)
            {
                context.Out.WriteLine(id);
                return 0;
            }
            return await StreamAndWaitAsync(context, client, id, connection, request.Tty, request.AttachStdin, options.SigProxy,
                options.DetachKeys, wait!);
        }
        finally
        {
            connection?.Dispose();
            wait?.Dispose();
        }
    }

    // run's session: the output copied on this thread until it ends, then the container's exit read from the wait.
    private static async Task<int> StreamAndWaitAsync(CliContext context, BlockingClient client, string id, HijackedConnection? connection,
        bool tty, bool stdin, bool sigProxy, string? detachKeys, PendingWait wait)
    {
        using var raw = tty && stdin ? RawTerminal.EnterIfTerminal() : null;
        using var resizer = tty ? await TtyResizer.StartAsync((h, w) =>
        {
            client.ResizeContainer(id, h, w);
            return Task.CompletedTask;
        }) : null;
        using var proxy = sigProxy && !tty ? new SignalProxy(name =>
        {
            client.KillContainer(id, name);
            return Task.CompletedTask;
        }, context.Err) : null;
        context.Out.Flush();
        if (connection is not null)
        {
            var keys = DetachKeys.Parse(detachKeys ?? DetachKeys.Default);
            var outcome = HijackedSession.Run(connection, tty, stdin ? StandardStreams.In() : null,
                StandardStreams.Out(context), StandardStreams.Err(context), keys);
            if (outcome == HijackedSession.Outcome.Detached) return 0;
        }
        var result = wait.Finish();
        if (result.Error?.Message is { Length: > 0 } message)
        {
            context.Err.WriteLine($"berth: {message}");
            return 125;
        }
        return (int)result.StatusCode;
    }

    // Shared by run, start -a and attach: hold the session, then report the container's exit.
    internal static async Task<int> StreamAndWaitAsync(CliContext context, BerthClient client, string id, HijackedConnection? connection,
        bool tty, bool stdin, bool sigProxy, string? detachKeys, Task<ContainerWaitResponse> wait, string? resizeExec)
    {
        using var raw = tty && stdin ? RawTerminal.EnterIfTerminal() : null;
        using var resizer = tty ? await TtyResizer.StartAsync((h, w) => client.ResizeContainerAsync(id, h, w)) : null;
        using var proxy = sigProxy && !tty ? new SignalProxy(name => client.KillContainerAsync(id, name), context.Err) : null;
        await context.Out.FlushAsync();
        if (connection is not null)
        {
            var keys = DetachKeys.Parse(detachKeys ?? DetachKeys.Default);
            var outcome = await HijackedSession.RunAsync(connection, tty, stdin ? StandardStreams.In() : null,
                StandardStreams.Out(context), StandardStreams.Err(context), keys, CancellationToken.None);
            if (outcome == HijackedSession.Outcome.Detached) return 0;
        }
        var result = await wait;
        if (result.Error?.Message is { Length: > 0 } message)
        {
            await context.Err.WriteLineAsync($"berth: {message}");
            return 125;
        }
        return (int)result.StatusCode;
    }

    private static int Fail(CliContext context, string command, string message, int code)
    {
        context.Err.WriteLine($"berth: {message}\n\nRun '{command} --help' for more information");
        return code;
    }

    // docker's mapping of a failed start: 127 when the command was not found, 126 when it cannot be run.
    private static int StartFailureCode(string message)
    {
        if (message.Contains("executable file not found", StringComparison.Ordinal) || message.Contains("no such file or directory", StringComparison.Ordinal))
            return 127;
        if (message.Contains("permission denied", StringComparison.Ordinal) || message.Contains("cannot execute", StringComparison.Ordinal))
            return 126;
        return 125;
    }

    private static string WithTag(string image)
    {
        if (image.Contains('@')) return image;
        var lastSlash = image.LastIndexOf('/');
        return image.IndexOf(':', lastSlash + 1) >= 0 ? image : image + ":latest";
    }
}
