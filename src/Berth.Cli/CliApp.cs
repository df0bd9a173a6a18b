using Berth.Cli.Commands;
using Berth.Cli.Commands.Images;
using Berth.Cli.Commands.Networks;
using Berth.Cli.Support;
using Berth.Client;

namespace Berth.Cli;

// The `berth` CLI: docker's global flags, then a command. Errors are one line on stderr with docker's exit codes:
// 125 when the command line is wrong, 1 when the daemon refused or could not be reached.
public static class CliApp
{
    private delegate Task<int> Command(CliContext context, IReadOnlyList<string> args, CancellationToken cancel);

    private static readonly Dictionary<string, Command> Commands = new(StringComparer.Ordinal)
    {
        ["version"] = VersionCommand.RunAsync,
        ["info"] = InfoCommand.RunAsync,
        ["events"] = EventsCommand.RunAsync,
        ["images"] = ImagesCommand.RunAsync,
        ["tag"] = TagCommand.RunAsync,
        ["rmi"] = RemoveImageCommand.RunAsync,
        ["history"] = HistoryCommand.RunAsync,
        ["load"] = LoadCommand.RunAsync,
        ["save"] = SaveCommand.RunAsync,
        ["import"] = ImportCommand.RunAsync,
        ["run"] = RunCommand.RunAsync,
        ["create"] = RunCommand.CreateAsync,
        ["start"] = ContainerLifecycleCommands.StartAsync,
        ["stop"] = ContainerLifecycleCommands.StopAsync,
        ["restart"] = ContainerLifecycleCommands.RestartAsync,
        ["kill"] = ContainerLifecycleCommands.KillAsync,
        ["pause"] = ContainerLifecycleCommands.PauseAsync,
        ["unpause"] = ContainerLifecycleCommands.UnpauseAsync,
        ["rm"] = ContainerLifecycleCommands.RemoveAsync,
        ["wait"] = ContainerLifecycleCommands.WaitAsync,
        ["rename"] = ContainerLifecycleCommands.RenameAsync,
        ["ps"] = PsCommand.RunAsync,
        ["logs"] = LogsCommand.RunAsync,
        ["exec"] = ExecCommand.RunAsync,
        ["attach"] = AttachCommand.RunAsync,
        ["inspect"] = InspectCommand.RunAsync,
        ["top"] = ContainerInfoCommands.TopAsync,
        ["port"] = ContainerInfoCommands.PortAsync,
        ["stats"] = StatsCommand.RunAsync,
        ["update"] = UpdateCommand.RunAsync,
        ["diff"] = ContainerArchiveCommands.DiffAsync,
        ["export"] = ContainerArchiveCommands.ExportAsync,
        ["commit"] = ContainerArchiveCommands.CommitAsync,
        ["cp"] = ContainerArchiveCommands.CopyAsync,
    };

    // `berth image ls` is `berth images`, and so on, as in docker.
    private static readonly Dictionary<string, Command> ImageCommands = new(StringComparer.Ordinal)
    {
        ["ls"] = ImagesCommand.RunAsync,
        ["list"] = ImagesCommand.RunAsync,
        ["inspect"] = ImageInspectCommand.RunImageAsync,
        ["tag"] = TagCommand.RunAsync,
        ["rm"] = RemoveImageCommand.RunAsync,
        ["remove"] = RemoveImageCommand.RunAsync,
        ["history"] = HistoryCommand.RunAsync,
        ["load"] = LoadCommand.RunAsync,
        ["save"] = SaveCommand.RunAsync,
        ["import"] = ImportCommand.RunAsync,
        ["prune"] = ImagePruneCommand.RunAsync,
    };

    // `berth container X`: the container commands under their management-command names, as in docker.
    private static readonly Dictionary<string, Command> ContainerCommands = new(StringComparer.Ordinal)
    {
        ["run"] = RunCommand.RunAsync,
        ["create"] = RunCommand.CreateAsync,
        ["start"] = ContainerLifecycleCommands.StartAsync,
        ["stop"] = ContainerLifecycleCommands.StopAsync,
        ["restart"] = ContainerLifecycleCommands.RestartAsync,
        ["kill"] = ContainerLifecycleCommands.KillAsync,
        ["pause"] = ContainerLifecycleCommands.PauseAsync,
        ["unpause"] = ContainerLifecycleCommands.UnpauseAsync,
        ["rm"] = ContainerLifecycleCommands.RemoveAsync,
        ["remove"] = ContainerLifecycleCommands.RemoveAsync,
        ["wait"] = ContainerLifecycleCommands.WaitAsync,
        ["rename"] = ContainerLifecycleCommands.RenameAsync,
        ["diff"] = ContainerArchiveCommands.DiffAsync,
        ["export"] = ContainerArchiveCommands.ExportAsync,
        ["commit"] = ContainerArchiveCommands.CommitAsync,
        ["cp"] = ContainerArchiveCommands.CopyAsync,
        ["ps"] = PsCommand.RunAsync,
        ["ls"] = PsCommand.RunAsync,
        ["list"] = PsCommand.RunAsync,
        ["logs"] = LogsCommand.RunAsync,
        ["exec"] = ExecCommand.RunAsync,
        ["attach"] = AttachCommand.RunAsync,
        ["inspect"] = InspectCommand.ContainerAsync,
        ["top"] = ContainerInfoCommands.TopAsync,
        ["port"] = ContainerInfoCommands.PortAsync,
        ["prune"] = ContainerInfoCommands.PruneAsync,
        ["stats"] = StatsCommand.RunAsync,
        ["update"] = UpdateCommand.RunAsync,
    };

    private static readonly Dictionary<string, Command> VolumeCommandTable = new(StringComparer.Ordinal)
    {
        ["create"] = VolumeCommands.CreateAsync,
        ["ls"] = VolumeCommands.ListAsync,
        ["list"] = VolumeCommands.ListAsync,
        ["inspect"] = InspectCommand.VolumeAsync,
        ["rm"] = VolumeCommands.RemoveAsync,
        ["remove"] = VolumeCommands.RemoveAsync,
        ["prune"] = VolumeCommands.PruneAsync,
    };

    private static readonly Dictionary<string, Command> NetworkCommandTable = new(StringComparer.Ordinal)
    {
        ["create"] = NetworkCreateCommand.RunAsync,
        ["ls"] = NetworkListCommand.RunAsync,
        ["list"] = NetworkListCommand.RunAsync,
        ["inspect"] = NetworkInspectCommand.RunAsync,
        ["rm"] = NetworkRemoveCommand.RunAsync,
        ["remove"] = NetworkRemoveCommand.RunAsync,
        ["prune"] = NetworkPruneCommand.RunAsync,
        ["connect"] = NetworkConnectCommands.ConnectAsync,
        ["disconnect"] = NetworkConnectCommands.DisconnectAsync,
    };

    // `berth system info` is `berth info`, as in docker.
    private static readonly Dictionary<string, Command> SystemCommands = new(StringComparer.Ordinal)
    {
        ["info"] = InfoCommand.RunAsync,
        ["events"] = EventsCommand.RunAsync,
        ["check"] = SystemCheckCommand.RunAsync,
        ["prune"] = SystemPruneCommand.RunAsync,
        ["df"] = SystemDfCommand.RunAsync,
    };

    public static int Run(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        // A signal registration rather than Console.CancelKeyPress, which initialises the terminal (see PlainConsole).
        using var interrupt = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, e =>
        {
            e.Cancel = true;
            cancel.Cancel();
        });
        return RunAsync(args, Console.Out, Console.Error, Environment.GetEnvironmentVariable, cancel.Token).GetAwaiter().GetResult();
    }

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, Func<string, string?> env, CancellationToken cancel)
    {
        try
        {
            var global = new FlagParser("berth").Value("host", "H").Value("log-level", "l").Bool("debug", "D").Bool("version", "v").Bool("help", "h")
                .Parse(args, stopAtFirstArgument: true);
            if (global.Flag("version"))
            {
                await stdout.WriteLineAsync($"Berth version {CliContext.Version}");
                return 0;
            }
            if (global.Last("log-level") is { } level && level is not ("debug" or "info" or "warn" or "error" or "fatal"))
                throw new UsageException($"unable to parse logging level: {level}");
            var rest = global.Arguments;
            if (global.Flag("help") || rest.Count == 0 || rest[0] == "help")
            {
                await stdout.WriteAsync(Usage);
                return 0;
            }
            if (global.All("host").Count > 1)
                throw new UsageException("specify only one -H");

            var context = new CliContext(stdout, stderr, env, global.Last("host"), global.Flag("debug"));
            var (command, commandArgs) = Find(rest);
            try
            {
                return await command(context, commandArgs, cancel);
            }
            catch (HelpRequestedException e)
            {
                var typed = string.Join(' ', rest.Take(rest.Count - commandArgs.Count));
                await stdout.WriteAsync($"\nUsage:  berth {typed} [OPTIONS]\n\n{e.Options}");
                return 0;
            }
        }
        catch (UsageException e)
        {
            await stderr.WriteLineAsync($"berth: {e.Message}");
            return 125;
        }
        catch (DaemonUnreachableException e)
        {
            await stderr.WriteLineAsync(e.Message);
            return 1;
        }
        catch (CommandFailedException e)
        {
            await stderr.WriteLineAsync(e.Message);
            return 1;
        }
        catch (Berth.Cli.Formatting.TemplateException e)
        {
            // A --format template that does not parse or run is the user's mistake, reported as docker does.
            await stderr.WriteLineAsync(e.Message);
            return 1;
        }
        catch (StreamErrorException e)
        {
            await stderr.WriteLineAsync(e.Message);
            return 1;
        }
        catch (ClientException e) when (e.Status > 0)
        {
            await stderr.WriteLineAsync($"Error response from daemon: {e.Message}");
            return 1;
        }
        catch (ClientException e)
        {
            await stderr.WriteLineAsync($"berth: {e.Message}");
            return 1;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return 130;
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            await stderr.WriteLineAsync($"berth: {e.Message}");
            return 1;
        }
    }

    private static (Command, IReadOnlyList<string>) Find(IReadOnlyList<string> words)
    {
        if (words[0] == "system" && words.Count > 1 && SystemCommands.TryGetValue(words[1], out var sub))
            return (sub, words.Skip(2).ToList());
        if (words[0] == "image" && words.Count > 1 && ImageCommands.TryGetValue(words[1], out var imageCommand))
            return (imageCommand, words.Skip(2).ToList());
        if (words[0] == "container" && words.Count > 1 && ContainerCommands.TryGetValue(words[1], out var containerCommand))
            return (containerCommand, words.Skip(2).ToList());
        if (words[0] == "volume" && words.Count > 1 && VolumeCommandTable.TryGetValue(words[1], out var volumeCommand))
            return (volumeCommand, words.Skip(2).ToList());
        if (words[0] == "network" && words.Count > 1 && NetworkCommandTable.TryGetValue(words[1], out var networkCommand))
            return (networkCommand, words.Skip(2).ToList());
        if (words[0] != "system" && Commands.TryGetValue(words[0], out var command))
            return (command, words.Skip(1).ToList());
        if (Groups.TryGetValue(words[0], out var group) && (words.Count == 1 || words[1] is "--help" or "-h"))
            return (GroupUsage(words[0], group), []);
        // docker 28's wording and exit status 1; a group's unknown subcommand also shows the group's usage line.
        if (words.Count > 1 && Groups.ContainsKey(words[0]))
            throw new CommandFailedException($"berth: unknown command: berth {words[0]} {words[1]}\n\nUsage:  berth {words[0]}\n\nRun 'berth {words[0]} --help' for more information");
        throw new CommandFailedException($"berth: unknown command: berth {words[0]}\n\nRun 'berth --help' for more information");
    }

    private static readonly Dictionary<string, Dictionary<string, Command>> Groups = new(StringComparer.Ordinal)
    {
        ["image"] = ImageCommands,
        ["container"] = ContainerCommands,
        ["volume"] = VolumeCommandTable,
        ["network"] = NetworkCommandTable,
        ["system"] = SystemCommands,
    };

    // `berth image` alone, as `docker image`: the group's subcommands.
    private static Command GroupUsage(string name, Dictionary<string, Command> commands) => async (context, _, _) =>
    {
        var list = string.Concat(commands.Keys.Order(StringComparer.Ordinal).Select(c => $"  {c}\n"));
        await context.Out.WriteAsync($"\nUsage:  berth {name} COMMAND\n\nCommands:\n{list}\nRun 'berth {name} COMMAND --help' for more information on a command.\n");
        return 0;
    };

    private const string Usage = """
        Usage:  berth [OPTIONS] COMMAND

        A Docker-compatible container engine.

        Management Commands:
          image       Manage images (image ls, inspect, tag, rm, history, load, save, import, prune)
          network     Manage networks (network create, ls, inspect, rm, prune, connect, disconnect)
          system      Manage Berth (system info, events, df, check)

        Commands:
          events      Get real time events from the server
          history     Show the history of an image
          images      List images
          import      Import the contents from a tarball to create a filesystem image
          info        Display system-wide information
          inspect     Return low-level information on Berth objects (images so far)
          load        Load an image from a tar archive or STDIN
          rmi         Remove one or more images
          save        Save one or more images to a tar archive (streamed to STDOUT by default)
          tag         Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE
          version     Show the Berth version information

        Berth Commands:
          daemon      Run the daemon (dockerd's flags; see 'berth daemon --help')
          runtime     OCI runtime with runc's command line (create, start, state, kill, delete, run, exec, list, spec)

        Global Options:
          -D, --debug              Enable debug mode
          -H, --host string        Daemon socket to connect to (default: $BERTH_HOST, then unix:///run/berth/berth.sock)
          -l, --log-level string   Set the logging level ("debug"|"info"|"warn"|"error"|"fatal") (default "info")
          -v, --version            Print version information and quit

        """;
}
