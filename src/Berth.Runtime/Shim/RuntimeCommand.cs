using System.Text.Json;
using Berth.Linux;
using Berth.Linux.Native;
using Berth.Runtime.Operations;
using Berth.Runtime.State;

namespace Berth.Runtime.Shim;

// Runs the OCI runtime (berth's own, or runc) with the shim's stdio choices. Its errors go to a JSON log
// (--log/--log-format json, which runc and berth share) so they never mix with the container's output.
internal sealed class RuntimeCommand(ChildReaper reaper, ShimOptions options, string workDir, ShimPrework prework)
{
    private int _sequence;

    public string Path => options.Runtime ?? Environment.ProcessPath ?? throw new RuntimeException("cannot tell which executable this is");

    // Starts the runtime; returns its pid and the log file its error will be in.
    public (int Pid, string Log) Spawn(IReadOnlyList<string> command, IReadOnlyList<(int Parent, int Child)> stdio)
    {
        var log = System.IO.Path.Combine(workDir, $"runtime-{Interlocked.Increment(ref _sequence)}.log");
        var argv = new List<string> { Path };
        if (options.Runtime is null) argv.Add("runtime");
        argv.AddRange(["--root", options.RuntimeRoot, "--log", log, "--log-format", "json"]);
        argv.AddRange(command);
        // Berth's own create (or run) may go to the runtime the shim started ahead of time: the same arguments, minus its start-up.
        if (options.Runtime is null && command[0] is ("create" or "run") && prework.TryRunStandbyRuntime(argv.Skip(2).ToList(), stdio) is { } standby)
        {
            return (standby, log);
        }
        return (reaper.Spawn(Path, argv, stdio), log);
    }

    // `start` and `delete --force`. Berth's own runtime does them in this process: neither forks, and a process
    // spawn for each costs more than the work itself on every container start and exit. runc is run as a command.
    public Task StartAsync(string id) => options.Runtime is null
        ? InProcess("start", () => new ContainerStarter(new StateStore(options.RuntimeRoot), Warn).Start(id))
        : RunAsync("start", id);

    public Task DeleteAsync(string id) => options.Runtime is null
        ? InProcess("delete", () => new ContainerDeleter(new StateStore(options.RuntimeRoot), Warn).Delete(id, force: true))
        : RunAsync("delete", "--force", id);

    // Inline: the callers are already off the main thread or have nothing else to do meanwhile.
    private static Task InProcess(string what, Action operation)
    {
        try
        {
            operation();
            return Task.CompletedTask;
        }
        catch (Exception e) when (e is LinuxException or SyscallException or IOException or UnauthorizedAccessException)
        {
            return Task.FromException(new RuntimeException($"{what}: {e.Message}"));
        }
        catch (RuntimeException e)
        {
            return Task.FromException(e);
        }
    }

    private static void Warn(string warning) => Console.Error.WriteLine($"berth shim: warning: {warning}");

    // Runs to completion with stdio on /dev/null; throws RuntimeException with the runtime's message on failure.
    private async Task RunAsync(params string[] command)
    {
        var devNull = Fd.Open("/dev/null", OpenFlags.ReadWrite);
        int pid;
        string log;
        try
        {
            (pid, log) = Spawn(command, [(devNull, 0), (devNull, 1), (devNull, 2)]);
        }
        finally
        {
            Fd.Close(devNull);
        }
        var code = await reaper.ExitOf(pid);
        if (code != 0) throw new RuntimeException(ErrorOf(log, code, command[0]));
        TryDelete(log);
    }

    // The last error the runtime logged, as one line.
    public static string ErrorOf(string log, int code, string what)
    {
        string? message = null;
        try
        {
            foreach (var line in File.ReadLines(log))
            {
                try
                {
                    using var doc = JsonDocument.Parse(line);
                    if (doc.RootElement.TryGetProperty("level", out var level) && level.GetString() is "error" or "fatal"
                        && doc.RootElement.TryGetProperty("msg", out var msg)) message = msg.GetString();
                }
                catch (JsonException)
                {
                    if (line.Trim().Length > 0) message = line.Trim();
                }
            }
        }
        catch (IOException)
        {
        }
        TryDelete(log);
        message = message?.ReplaceLineEndings(" ").Trim();
        return message is { Length: > 0 } ? message : $"runtime {what} failed with exit code {code}";
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
    }
}
