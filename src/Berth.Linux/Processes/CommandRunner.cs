using System.Text;
using Berth.Linux.Native;
using Microsoft.Win32.SafeHandles;

namespace Berth.Linux.Processes;

// What a short-lived helper program printed and how it ended.
public sealed record CommandResult(int ExitCode, string Stdout, string Stderr);

// Runs a host program to its end and collects its output: posix_spawn (never fork) with stdout and stderr on
// pipes, both drained at once so a chatty program cannot block on a full pipe.
public static class CommandRunner
{
    public static async Task<CommandResult> RunAsync(string path, IReadOnlyList<string> argv, CancellationToken ct)
    {
        var (outRead, outWrite) = Fd.Pipe();
        var (errRead, errWrite) = Fd.Pipe();
        int pid;
        try
        {
            var devNull = Fd.Open("/dev/null", OpenFlags.ReadOnly);
            try
            {
                pid = ProcessSpawner.Spawn(path, argv, ["PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL=C"], [(devNull, 0), (outWrite, 1), (errWrite, 2)], newSession: false);
            }
            finally
            {
                Fd.Close(devNull);
            }
        }
        catch
        {
            Fd.Close(outRead);
            Fd.Close(errRead);
            throw;
        }
        finally
        {
            Fd.Close(outWrite);
            Fd.Close(errWrite);
        }
        var stdout = ReadAllAsync(outRead, ct);
        var stderr = ReadAllAsync(errRead, ct);
        var text = await stdout;
        var errors = await stderr;
        var code = await Task.Run(() => ProcessWaiter.WaitExit(pid), CancellationToken.None);
        return new CommandResult(code, text, errors);
    }

    private static async Task<string> ReadAllAsync(int fd, CancellationToken ct)
    {
        await using var stream = new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.Read, 1, isAsync: false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await Task.Run(() => reader.ReadToEnd(), ct);
    }

    // The first executable named `name` in the usual system directories.
    public static string? Find(string name) =>
        new[] { "/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin" }
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
}
