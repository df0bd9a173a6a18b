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

    private static async Task<int> ExecuteAsync(CliContext context, IReadOnlyList<string> args, bool isRun, CancellationToken cancel)
    {
        var command = isRun ? "berth run" : "berth create";
        var options = new RunOptionsParser(context.Env, File.ReadAllLines).Parse(command, args, isRun);
        var request = options.Request;
        if (request.Tty && request.AttachStdin && !StandardStreams.InIsTerminal())
        {
            await context.Err.WriteLineAsync("the input device is not a TTY");
            return 1;
        }
        if (request.Tty && TerminalSize.Get() is { } size)
            request.HostConfig!.ConsoleSize = [(uint)size.Height, (uint)size.Width];

        using var client = await DaemonConnector.ConnectWithoutPingAsync(context, cancel);
        string id;
        try
        {
            var created = await client.CreateContainerAsync(request, options.Name, options.Platform, cancel);
            id = created.Id;
            foreach (var w in created.Warnings) await context.Err.WriteLineAsync("WARNING: " + w);
        }
        catch (ClientException e) when (e.Status == 404 && e.Message.StartsWith("No such image", StringComparison.Ordinal))
        {
            await context.Err.WriteLineAsync($"Unable to find image '{WithTag(options.Image)}' locally");
            return await Fail(context, command, $"Error response from daemon: {e.Message} (pulling images is not supported yet; load it with 'berth load')", 125);
        }
        catch (ClientException e) when (e.Status > 0)
        {
            return await Fail(context, command, $"Error response from daemon: {e.Message}", 125);
        }
        if (options.CidFile is { } cidFile)
            await File.WriteAllTextAsync(cidFile, id, cancel);
        if (!isRun)
        {
            await context.Out.WriteLineAsync(id);
            return 0;
        }

        var attach = request.AttachStdin || request.AttachStdout || request.AttachStderr;
        HijackedConnection? connection = null;
        if (attach)
            connection = await client.AttachContainerAsync(id, request.AttachStdin, request.AttachStdout, request.AttachStderr, options.DetachKeys, cancel);
        try
        {
            // Registered before start, so an exit right after start is not missed.
            var wait = options.Detach ? null : client.WaitContainerAsync(id, request.HostConfig!.AutoRemove ? "removed" : "next-exit", CancellationToken.None);
            try
            {
                await client.StartContainerAsync(id, cancel);
            }
            catch (ClientException e) when (e.Status > 0)
            {
                return await Fail(context, command, $"Error response from daemon: {e.Message}", StartFailureCode(e.Message));
            }
            if (options.Detach)
            {
                await context.Out.WriteLineAsync(id);
                return 0;
            }
            return await StreamAndWaitAsync(context, client, id, connection, request.Tty, request.AttachStdin, options.SigProxy,
                options.DetachKeys, wait!, resizeExec: null);
        }
        finally
        {
            connection?.Dispose();
        }
    }

    // Shared by run, start -a and attach: hold the session, then report the container's exit.
    internal static async Task<int> StreamAndWaitAsync(CliContext context, BerthClient client, string id, HijackedConnection? connection,
        bool tty, bool stdin, bool sigProxy, string? detachKeys, Task<ContainerWaitResponse> wait, string? resizeExec)
    {
        using var raw = tty && stdin ? RawTerminal.EnterIfTerminal() : null;
        using var resizer = tty ? await TtyResizer.StartAsync((h, w) => client.ResizeContainerAsync(id, h, w)) : null;
        using var proxy = sigProxy && !tty ? new SignalProxy(client, id, context.Err) : null;
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

    private static async Task<int> Fail(CliContext context, string command, string message, int code)
    {
        await context.Err.WriteLineAsync($"berth: {message}\n\nRun '{command} --help' for more information");
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
