using System.Diagnostics;

namespace Berth.IntegrationTests.Infrastructure;

// Runs a host command with its stdio on files rather than pipes: a detached container (`create`)
// inherits the runtime's stdout/stderr, and a pipe would then stay open until the container exits.
public static class Command
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static CommandResult Run(string workDir, string executable, IEnumerable<string> args, string? stdin = null, TimeSpan? timeout = null)
    {
        using var running = Start(workDir, executable, args, stdin);
        return running.Wait(timeout ?? DefaultTimeout);
    }

    public static RunningCommand Start(string workDir, string executable, IEnumerable<string> args, string? stdin = null)
    {
        var io = Path.Combine(workDir, "io", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(io);
        var stdinPath = Path.Combine(io, "stdin");
        File.WriteAllText(stdinPath, stdin ?? "");
        var psi = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("exec \"$0\" \"$@\" <\"$BERTH_IT_IN\" >\"$BERTH_IT_OUT\" 2>\"$BERTH_IT_ERR\"");
        psi.ArgumentList.Add(executable);
        var argList = args.ToList();
        foreach (var a in argList)
            psi.ArgumentList.Add(a);
        psi.Environment["BERTH_IT_IN"] = stdinPath;
        psi.Environment["BERTH_IT_OUT"] = Path.Combine(io, "stdout");
        psi.Environment["BERTH_IT_ERR"] = Path.Combine(io, "stderr");
        var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {executable}");
        return new RunningCommand(process, $"{executable} {string.Join(' ', argList)}", io);
    }
}

public sealed class RunningCommand(Process process, string commandLine, string ioDir) : IDisposable
{
    public bool HasExited => process.HasExited;

    public int Pid => process.Id;

    public Task Exited => process.WaitForExitAsync();

    public CommandResult Wait(TimeSpan timeout)
    {
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"`{commandLine}` did not finish within {timeout.TotalSeconds}s\n{Read("stdout")}\n{Read("stderr")}");
        }
        return new CommandResult(commandLine, process.ExitCode, Read("stdout"), Read("stderr"));
    }

    // What a detached container wrote so far to the stdio it inherited from `create`.
    public string Read(string stream)
    {
        var path = Path.Combine(ioDir, stream);
        return File.Exists(path) ? File.ReadAllText(path) : "";
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        }
        process.Dispose();
    }
}
