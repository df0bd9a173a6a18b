using System.Text;
using Berth.Linux.Native;
using Berth.Linux.Processes;

namespace Berth.Runtime.Shim;

// The shim as the daemon sees it: its pid, and the container's.
public sealed record ShimHandle(int ShimPid, int ContainerPid, Task<int> ShimExited);

// Daemon side of a shim's start: spawns `berth shim ...` in a session of its own (so it outlives the daemon),
// reads its one line, and reaps it whenever it exits so the daemon keeps no zombies.
public static class ShimLauncher
{
    public static async Task<ShimHandle> StartAsync(ShimOptions options, CancellationToken ct)
    {
        var binary = options.ShimBinary ?? Environment.ProcessPath ?? throw new RuntimeException("cannot tell which executable to start as the shim");
        var devNull = Fd.Open("/dev/null", OpenFlags.ReadWrite);
        var stderr = devNull;
        var (read, write) = (-1, -1);
        int pid;
        try
        {
            if (options.StderrPath is not null) stderr = Fd.Open(options.StderrPath, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Append, 0x180);
            (read, write) = Fd.Pipe();
            var env = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>().Select(e => $"{e.Key}={e.Value}").ToList();
            env.AddRange(ShimGcSettings.Environment);
            pid = ProcessSpawner.Spawn(binary, [binary, .. options.ToArguments()], env, [(devNull, 0), (write, 1), (stderr, 2)], newSession: true);
        }
        catch
        {
            Fd.Close(read);
            throw;
        }
        finally
        {
            Fd.Close(write);
            if (stderr != devNull) Fd.Close(stderr);
            Fd.Close(devNull);
        }
        var exited = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        new Thread(() => exited.SetResult(ProcessWaiter.WaitExit(pid))) { IsBackground = true, Name = $"shim {pid}" }.Start();
        string line;
        var reading = Task.Run(() => ReadLine(read));
        // The reader owns the fd until it returns; after a cancel that is when the killed shim's pipe ends.
        _ = reading.ContinueWith(_ => Fd.Close(read), TaskScheduler.Default);
        try
        {
            line = await reading.WaitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            ProcessControl.Kill(pid, Signals.SigKill);
            throw;
        }
        if (line.StartsWith("ready ", StringComparison.Ordinal) && int.TryParse(line.AsSpan(6), out var containerPid))
        {
            return new ShimHandle(pid, containerPid, exited.Task);
        }
        if (line.StartsWith("error ", StringComparison.Ordinal)) throw new RuntimeException(line[6..]);
        var code = await exited.Task;
        throw new RuntimeException(line.Length > 0 ? $"shim: {line}" : $"shim exited with code {code} before it was ready");
    }

    private static string ReadLine(int fd)
    {
        var bytes = new List<byte>();
        var buffer = new byte[1];
        while (Fd.Read(fd, buffer) == 1 && buffer[0] != (byte)'\n') bytes.Add(buffer[0]);
        return Encoding.UTF8.GetString([.. bytes]);
    }
}
