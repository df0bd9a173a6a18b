using System.Text;
using Berth.Linux.Native;
using Berth.Linux.Processes;

namespace Berth.Runtime.Shim;

// The shim as the daemon sees it: its pid, and the container's.
public sealed record ShimHandle(int ShimPid, int ContainerPid, Task<int> ShimExited);

// Daemon side of a shim's start: hands the job to a shim started ahead of time (ShimPool) or spawns `berth shim
// ...` in a session of its own (so it outlives the daemon), and reads its one line. ChildExitWatcher reaps every
// shim whenever it exits, so the daemon keeps no zombies.
public static class ShimLauncher
{
    // How many shims wait ready for a container (0: none, every start spawns its shim).
    private const int WarmShims = 2;

    public static async Task<ShimHandle> StartAsync(ShimOptions options, CancellationToken ct)
    {
        var binary = options.ShimBinary ?? Environment.ProcessPath ?? throw new RuntimeException("cannot tell which executable to start as the shim");
        var pool = ShimPool.For(binary);
        try
        {
            var shim = pool.TryHandOver(options) ?? SpawnCold(binary, options);
            return await ReadReadyAsync(shim, ct);
        }
        finally
        {
            // After this start, so the replacement does not compete with it.
            pool.Refill(WarmShims);
        }
    }

    private static SpawnedShim SpawnCold(string binary, ShimOptions options)
    {
        var devNull = Fd.Open("/dev/null", OpenFlags.ReadWrite);
        var stderr = devNull;
        var (read, write) = (-1, -1);
        try
        {
            if (options.StderrPath is not null) stderr = Fd.Open(options.StderrPath, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Append, 0x180);
            (read, write) = Fd.Pipe();
            var pid = ProcessSpawner.Spawn(binary, [binary, .. options.ToArguments()], EnvironmentList(), [(devNull, 0), (write, 1), (stderr, 2)], newSession: true);
            return new SpawnedShim(pid, read, ChildExitWatcher.Watch(pid));
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
    }

    // The daemon's environment plus the shim's own memory settings (ShimGcSettings), which it drops for what it spawns.
    internal static List<string> EnvironmentList() =>
        ShimGcSettings.ShimEnvironment(System.Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>().Select(e => $"{e.Key}={e.Value}"));

    private static async Task<ShimHandle> ReadReadyAsync(SpawnedShim shim, CancellationToken ct)
    {
        var reading = Task.Run(() => ReadLine(shim.Stdout));
        // The reader owns the fd until it returns; after a cancel that is when the killed shim's pipe ends.
        _ = reading.ContinueWith(_ => Fd.Close(shim.Stdout), TaskScheduler.Default);
        string line;
        try
        {
            line = await reading.WaitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            ProcessControl.Kill(shim.Pid, Signals.SigKill);
            throw;
        }
        if (line.StartsWith("ready ", StringComparison.Ordinal) && int.TryParse(line.AsSpan(6), out var containerPid))
        {
            return new ShimHandle(shim.Pid, containerPid, shim.Exited);
        }
        if (line.StartsWith("error ", StringComparison.Ordinal)) throw new RuntimeException(line[6..]);
        var code = await shim.Exited;
        throw new RuntimeException(line.Length > 0 ? $"shim: {line}" : $"shim exited with code {code} before it was ready");
    }

    // The shim writes its one line and nothing after it, so reading in blocks takes nothing that is not ours.
    private static string ReadLine(int fd)
    {
        var bytes = new List<byte>();
        var buffer = new byte[512];
        int n;
        while ((n = Fd.Read(fd, buffer)) > 0)
        {
            var end = Array.IndexOf(buffer, (byte)'\n', 0, n);
            bytes.AddRange(buffer.AsSpan(0, end < 0 ? n : end));
            if (end >= 0) break;
        }
        return Encoding.UTF8.GetString([.. bytes]);
    }
}

// A shim process the daemon started: its pid, the read end of its stdout, and its exit.
internal sealed record SpawnedShim(int Pid, int Stdout, Task<int> Exited);
