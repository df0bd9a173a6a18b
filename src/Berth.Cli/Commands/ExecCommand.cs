using Berth.Api.Models.Containers;
using Berth.Cli.Support;

namespace Berth.Cli.Commands;

// `berth exec`: create an exec instance, start it attached (or -d), exit with its exit code.
public static class ExecCommand
{
    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args, CancellationToken cancel)
    {
        var f = new FlagParser("berth exec").Bool("detach", "d").Bool("interactive", "i").Bool("tty", "t").Value("env", "e")
            .Value("env-file").Value("user", "u").Value("workdir", "w").Bool("privileged").Value("detach-keys")
            .Parse(args, stopAtFirstArgument: true);
        if (f.Arguments.Count < 2)
            throw new UsageException("\"berth exec\" requires at least 2 arguments.\nSee 'berth exec --help'.");
        var detach = f.Flag("detach");
        var tty = f.Flag("tty");
        var stdin = f.Flag("interactive") && !detach;
        if (f.Last("detach-keys") is { } keys) DetachKeys.Parse(keys);
        var env = new List<string>();
        foreach (var file in f.All("env-file"))
            foreach (var line in File.Exists(file) ? File.ReadAllLines(file) : throw new UsageException($"open {file}: no such file or directory"))
                if (line.TrimStart() is { Length: > 0 } l && !l.StartsWith('#'))
                    env.Add(l.Contains('=') ? l : context.Env(l) is { } v ? $"{l}={v}" : l);
        foreach (var e in f.All("env"))
            env.Add(e.Contains('=') ? e : context.Env(e) is { } v ? $"{e}={v}" : e);
        if (tty && stdin && !StandardStreams.InIsTerminal())
        {
            await context.Err.WriteLineAsync("the input device is not a TTY");
            return 1;
        }

        var config = new ExecConfig
        {
            User = f.Last("user") ?? "", Privileged = f.Flag("privileged"), Tty = tty, AttachStdin = stdin,
            AttachStdout = !detach, AttachStderr = !detach, DetachKeys = f.Last("detach-keys") ?? "",
            Env = env, WorkingDir = f.Last("workdir") ?? "", Cmd = f.Arguments.Skip(1).ToList(),
        };
        if (tty && TerminalSize.Get() is { } size) config.ConsoleSize = [(uint)size.Height, (uint)size.Width];

        using var client = await DaemonConnector.ConnectAsync(context, cancel);
        var container = await client.InspectContainerAsync(f.Arguments[0], cancel: cancel);
        var exec = await client.CreateExecAsync(container.Id, config, cancel);
        var start = new ExecStartConfig { Detach = detach, Tty = tty, ConsoleSize = config.ConsoleSize };
        if (detach)
        {
            await client.StartExecDetachedAsync(exec.Id, start, cancel);
            return 0;
        }
        using (var connection = await client.StartExecAttachedAsync(exec.Id, start, cancel))
        {
            using var raw = tty && stdin ? RawTerminal.EnterIfTerminal() : null;
            using var resizer = tty ? await TtyResizer.StartAsync((h, w) => client.ResizeExecAsync(exec.Id, h, w)) : null;
            var outcome = await HijackedSession.RunAsync(connection, tty, stdin ? StandardStreams.In() : null,
                StandardStreams.Out(context), StandardStreams.Err(context), DetachKeys.Parse(f.Last("detach-keys") ?? DetachKeys.Default), CancellationToken.None);
            if (outcome == HijackedSession.Outcome.Detached) return 0;
        }
        var result = await client.InspectExecAsync(exec.Id, cancel);
        return result.ExitCode ?? 0;
    }
}
