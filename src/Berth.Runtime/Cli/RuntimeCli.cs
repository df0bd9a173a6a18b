using System.Text.Json;
using Berth.Linux;
using Berth.Linux.Cgroups;
using Berth.Linux.Native;
using Berth.Linux.Processes;
using Berth.Oci;
using Berth.Oci.Runtime;
using Berth.Runtime.Operations;
using Berth.Runtime.Spec;
using Berth.Runtime.Standby;
using Berth.Runtime.State;

namespace Berth.Runtime.Cli;

// `berth runtime ...`: runc's command line over the runtime operations.
public static class RuntimeCli
{
    private static readonly Dictionary<string, string> Aliases = new()
    {
        ["b"] = "bundle", ["d"] = "detach", ["f"] = "force", ["a"] = "all", ["p"] = "process", ["t"] = "tty",
        ["e"] = "env", ["u"] = "user", ["c"] = "cap", ["q"] = "quiet",
    };

    public static int Run(string[] args)
    {
        if (args is [StandbyRuntime.Flag])
        {
            try
            {
                StandbyRuntime.WarmUp();
                if (StandbyRuntime.AwaitJob() is not { } job) return 0;
                args = job;
            }
            catch (Exception e) when (e is RuntimeException or SyscallException)
            {
                Console.Error.WriteLine($"berth runtime: {e.Message}");
                return 1;
            }
        }
        string? logFile = null;
        var logJson = false;
        try
        {
            var i = 0;
            var root = StateStore.DefaultRoot;
            for (; i < args.Length && args[i].StartsWith('-'); i++)
            {
                var (name, inline) = Split(args[i]);
                string Next() => inline ?? (i + 1 < args.Length ? args[++i] : throw new RuntimeException($"flag needs an argument: {name}"));
                switch (name)
                {
                    case "--root": root = Next(); break;
                    case "--log": logFile = Next(); break;
                    case "--log-format": logJson = Next() == "json"; break;
                    case "--debug": break;
                    case "--systemd-cgroup": throw new RuntimeException("--systemd-cgroup is not supported yet");
                    case "-h" or "--help": Console.Out.Write(Usage); return 0;
                    case "-v" or "--version": Console.Out.WriteLine("berth runtime, OCI runtime spec 1.2.0"); return 0;
                    default: throw new RuntimeException($"flag provided but not defined: {name}");
                }
            }
            if (i >= args.Length)
            {
                Console.Error.Write(Usage);
                return 1;
            }
            var store = new StateStore(Path.GetFullPath(root));
            var code = Dispatch(store, args[i], args[(i + 1)..]);
            if (code == 0) StandbyRuntime.ReportDone();
            return code;
        }
        catch (Exception e) when (e is RuntimeException or LinuxException or SyscallException or IOException or UnauthorizedAccessException)
        {
            Report(e.Message, logFile, logJson);
            return 1;
        }
        catch (Exception e)
        {
            // A bug, not bad input; still one line, never a stack trace.
            Report($"internal error: {e.GetType().Name}: {e.Message}", logFile, logJson);
            return 1;
        }
    }

    private static int Dispatch(StateStore store, string command, string[] rest)
    {
        void Warn(string w) => Console.Error.WriteLine($"berth runtime: warning: {w}");
        switch (command)
        {
            case "create":
            {
                var a = Read(rest, ["bundle", "pid-file", "console-socket", "preserve-fds"], ["no-pivot", "no-new-keyring"]);
                new ContainerCreator(store, Warn).Create(a.Id(command), a.Value("bundle") ?? ".", a.Value("console-socket"), a.Value("pid-file"));
                return 0;
            }
            case "run":
            {
                var a = Read(rest, ["bundle", "pid-file", "console-socket", "preserve-fds"], ["detach", "no-pivot", "no-new-keyring"]);
                return new ContainerRunner(store, Warn).Run(a.Id(command), a.Value("bundle") ?? ".", a.Value("console-socket"), a.Value("pid-file"), a.Has("detach"));
            }
            case "start":
                new ContainerStarter(store, Warn).Start(Read(rest, [], []).Id(command));
                return 0;
            case "state":
            {
                var record = store.Load(Read(rest, [], []).Id(command));
                var state = record.ToOciState(ContainerStatus.Of(record, store));
                Console.Out.WriteLine(JsonSerializer.Serialize(state, OciJsonContext.Default.ContainerState));
                return 0;
            }
            case "kill":
            {
                var a = Read(rest, [], ["all"]);
                var signal = a.Positionals.Count > 1 ? Signals.Parse(a.Positionals[1]) : Signals.SigTerm;
                new ContainerKiller(store).Kill(a.Id(command), signal, a.Has("all"));
                return 0;
            }
            case "delete":
            {
                var a = Read(rest, [], ["force"]);
                new ContainerDeleter(store, Warn).Delete(a.Id(command), a.Has("force"));
                return 0;
            }
            case "exec":
                return Exec(store, rest, Warn);
            case "list":
                return List(store, Read(rest, ["format"], ["quiet"]));
            case "pause" or "resume":
            {
                var record = store.Load(Read(rest, [], []).Id(command));
                var status = ContainerStatus.Of(record, store);
                var cgroup = CgroupManager.Open(record.CgroupsPath);
                if (command == "pause" && status != ContainerStatus.Running) throw new RuntimeException($"cannot pause a container that is {status}");
                if (command == "resume" && status != ContainerStatus.Paused) throw new RuntimeException($"cannot resume a container that is {status}");
                if (command == "pause") cgroup.Freeze();
                else cgroup.Thaw();
                return 0;
            }
            case "spec":
            {
                var a = Read(rest, ["bundle"], ["rootless"]);
                if (a.Has("rootless")) throw new RuntimeException("rootless containers are not supported yet");
                var path = Path.Combine(a.Value("bundle") ?? ".", "config.json");
                if (File.Exists(path)) throw new RuntimeException($"{path} already exists; remove it first");
                File.WriteAllText(path, JsonSerializer.Serialize(DefaultSpec.Create(), OciJsonContext.Default.RuntimeSpec));
                return 0;
            }
            default:
                throw new RuntimeException($"unknown command \"{command}\"; see 'berth runtime --help'");
        }
    }

    private static int Exec(StateStore store, string[] rest, Action<string> warn)
    {
        var a = new ArgReader(rest, Aliases, new HashSet<string> { "process", "pid-file", "console-socket", "env", "cwd", "user", "cap", "preserve-fds", "additional-gids" },
            new HashSet<string> { "detach", "tty", "no-new-privs" }, stopAtPositional: true);
        var id = a.Id("exec");
        ProcessSpec process;
        if (a.Value("process") is { } file)
        {
            process = SpecLoader.ParseProcess(File.ReadAllBytes(file), file);
        }
        else
        {
            if (a.Positionals.Count < 2) throw new RuntimeException("exec requires a command (or --process FILE)");
            var template = store.Load(id).Spec.Process ?? new ProcessSpec();
            process = new ProcessSpec
            {
                Args = [.. a.Positionals.Skip(1)],
                Env = [.. template.Env ?? [], .. a.Values("env")],
                Cwd = a.Value("cwd") ?? template.Cwd,
                User = a.Value("user") is { } u ? ParseUser(u) : template.User,
                Capabilities = template.Capabilities,
                Rlimits = template.Rlimits,
                NoNewPrivileges = template.NoNewPrivileges || a.Has("no-new-privs"),
                Terminal = a.Has("tty"),
            };
            if (a.Values("cap") is { Count: > 0 } caps && process.Capabilities is { } c)
            {
                process.Capabilities = new CapabilitiesSpec
                {
                    Bounding = [.. c.Bounding ?? [], .. caps], Effective = [.. c.Effective ?? [], .. caps],
                    Permitted = [.. c.Permitted ?? [], .. caps], Inheritable = c.Inheritable, Ambient = c.Ambient,
                };
            }
        }
        return new ContainerExecutor(store, warn).Exec(id, process, a.Value("console-socket"), a.Value("pid-file"), a.Has("detach"));
    }

    private static UserSpec ParseUser(string text)
    {
        var parts = text.Split(':');
        if (!uint.TryParse(parts[0], out var uid) || (parts.Length > 1 && !uint.TryParse(parts[1], out _)))
        {
            throw new RuntimeException($"invalid --user \"{text}\": use UID[:GID]");
        }
        return new UserSpec { Uid = uid, Gid = parts.Length > 1 ? uint.Parse(parts[1]) : 0 };
    }

    private static int List(StateStore store, ArgReader a)
    {
        var rows = store.Ids().Select(store.TryLoad).OfType<ContainerRecord>()
            .Select(r => new ListEntry { Id = r.Id, Status = ContainerStatus.Of(r, store), Pid = r.Pid, Bundle = r.Bundle, Rootfs = r.Rootfs, Created = r.Created })
            .Select(e => { if (e.Status == ContainerStatus.Stopped) e.Pid = 0; return e; })
            .ToList();
        if (a.Has("quiet"))
        {
            foreach (var r in rows) Console.Out.WriteLine(r.Id);
        }
        else if (a.Value("format") == "json")
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(rows, RuntimeJsonContext.Default.ListListEntry));
        }
        else
        {
            Console.Out.WriteLine($"{"ID",-20} {"PID",-8} {"STATUS",-10} {"BUNDLE",-40} {"CREATED",-30} OWNER");
            foreach (var r in rows) Console.Out.WriteLine($"{r.Id,-20} {r.Pid,-8} {r.Status,-10} {r.Bundle,-40} {r.Created:O} {r.Owner}");
        }
        return 0;
    }

    private static ArgReader Read(string[] rest, string[] valueFlags, string[] switches) =>
        new(rest, Aliases, new HashSet<string>(valueFlags), new HashSet<string>(switches), stopAtPositional: false);

    private static (string Name, string? Inline) Split(string arg)
    {
        var eq = arg.IndexOf('=');
        return eq < 0 ? (arg, null) : (arg[..eq], arg[(eq + 1)..]);
    }

    private static void Report(string message, string? logFile, bool json)
    {
        Console.Error.WriteLine($"berth runtime: {message}");
        if (logFile is null) return;
        try
        {
            var line = json
                ? $"{{\"level\":\"error\",\"msg\":{JsonSerializer.Serialize(message, OciJsonContext.Default.String)},\"time\":\"{DateTime.UtcNow:O}\"}}"
                : $"{DateTime.UtcNow:O} error {message}";
            File.AppendAllText(logFile, line + "\n");
        }
        catch (IOException)
        {
        }
    }

    private const string Usage = """
        Usage: berth runtime [--root DIR] COMMAND [ARGS...]

        Berth's OCI runtime, with runc's command line.

        Commands:
          create   create a container from a bundle      create [--bundle DIR] [--pid-file F] [--console-socket S] ID
          start    start a created container              start ID
          run      create, start and wait                 run [--bundle DIR] [--detach] ID
          state    print the OCI state                    state ID
          kill     signal the container                   kill [--all] ID [SIGNAL]
          delete   delete a container                     delete [--force] ID
          exec     run a process in a container           exec [--process F | ID CMD...]
          list     list containers                        list [--format table|json] [-q]
          pause    freeze all processes                   pause ID
          resume   thaw a paused container                resume ID
          spec     write a default config.json            spec [--bundle DIR]

        """;
}
