using System.Runtime.InteropServices;
using Berth.Oci.Runtime;

namespace Berth.IntegrationTests.Infrastructure;

// How a container tells a test it is running: a fifo bind-mounted at /sync/ready. The container
// writes a line to it; the test's read returns at that moment, so nothing polls.
public sealed partial class ReadySignal
{
    public const string Shell = "echo ready > /sync/ready; ";
    private readonly string _dir;
    private readonly string _fifo;

    public ReadySignal(string workDir)
    {
        _dir = Path.Combine(workDir, "sync-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_dir);
        _fifo = Path.Combine(_dir, "ready");
        if (MkFifo(_fifo, 0x1b6) != 0) throw new IOException($"mkfifo {_fifo} failed: errno {Marshal.GetLastPInvokeError()}");
    }

    public void AddTo(RuntimeSpec spec) =>
        (spec.Mounts ??= []).Add(new MountSpec { Destination = "/sync", Type = "bind", Source = _dir, Options = ["rbind", "rw"] });

    // Returns once the container has written; fails fast if `run` ends first.
    public void Wait(RunningCommand? run = null, TimeSpan? timeout = null)
    {
        var read = Task.Run(() => File.ReadAllText(_fifo));
        var waits = run is null ? new Task[] { read } : [read, run.Exited];
        if (Task.WaitAny(waits, timeout ?? TimeSpan.FromSeconds(20)) == 0) return;
        // Unblock the reader thread before giving up.
        using (File.OpenWrite(_fifo)) { }
        throw new Xunit.Sdk.XunitException(run is { HasExited: true }
            ? $"`run` ended before the container signalled it was running: {run.Wait(TimeSpan.Zero)}"
            : "the container never signalled it was running");
    }

    [LibraryImport("libc", EntryPoint = "mkfifo", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MkFifo(string path, uint mode);
}
