using System.Text;
using System.Text.Json;
using Berth.IntegrationTests.Infrastructure;
using Berth.Oci;
using Berth.Oci.Runtime;
using Berth.Runtime.Shim;

namespace Berth.IntegrationTests.Shim;

// One test's shims: its own runtime root, ids, cgroups, sockets and logs; Dispose kills every shim it started
// and deletes the containers even when the test failed.
public sealed class ShimTestBed : IDisposable
{
    public RuntimeUnderTest Runtime { get; }
    private readonly List<int> _shims = [];

    // runtime: which OCI runtime the shim drives, berth's own (the default) or runc.
    public ShimTestBed(string runtime = RuntimeUnderTest.Berth)
    {
        Runtime = RuntimeUnderTest.For(runtime);
    }

    public Bundle NewBundle(string[] args, Action<RuntimeSpec>? change = null) => Runtime.NewBundle(args, change);

    public ShimOptions Options(Bundle bundle, bool tty = false, bool stdin = false, bool stdinOnce = false)
    {
        var id = Runtime.NewId();
        var dir = Path.Combine(Runtime.WorkDir, id[^12..]);
        Directory.CreateDirectory(dir);
        return new ShimOptions
        {
            Id = id,
            Bundle = bundle.Dir,
            RuntimeRoot = Runtime.StateRoot,
            SocketPath = Path.Combine(dir, "shim.sock"),
            ExitFilePath = Path.Combine(dir, "exit.json"),
            LogPath = Path.Combine(dir, "container-json.log"),
            Tty = tty,
            Stdin = stdin,
            StdinOnce = stdinOnce,
            Runtime = Runtime.IsBerth ? null : Runtime.Executable,
            ShimBinary = RepoPaths.BerthBinary,
            StderrPath = Path.Combine(dir, "shim.err"),
        };
    }

    public async Task<ShimHandle> LaunchAsync(ShimOptions options)
    {
        using var cts = new CancellationTokenSource(Command.DefaultTimeout);
        var handle = await ShimLauncher.StartAsync(options, cts.Token);
        _shims.Add(handle.ShimPid);
        return handle;
    }

    public void Track(int shimPid) => _shims.Add(shimPid);

    public static string ProcessJson(Bundle bundle, string[] args, bool terminal = false)
    {
        var json = JsonSerializer.Serialize(bundle.Spec.Process!, OciJsonContext.Default.ProcessSpec);
        var process = JsonSerializer.Deserialize(json, OciJsonContext.Default.ProcessSpec)!;
        process.Args = [.. args];
        process.Terminal = terminal;
        return JsonSerializer.Serialize(process, OciJsonContext.Default.ProcessSpec);
    }

    // Reads frames to the end of the connection: stdout, stderr, and an exec's exit code if one came.
    public static async Task<(string Stdout, string Stderr, int? ExitCode)> ReadToEndAsync(Stream stream)
    {
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        int? exit = null;
        using var cts = new CancellationTokenSource(Command.DefaultTimeout);
        while (await StreamFrames.ReadAsync(stream, cts.Token) is { } frame)
        {
            var text = Encoding.UTF8.GetString(frame.Payload);
            switch (frame.Stream)
            {
                case StreamFrames.Stdout: stdout.Append(text); break;
                case StreamFrames.Stderr: stderr.Append(text); break;
                case StreamFrames.Status: exit = ShimClient.ParseExecExit(frame.Payload); break;
            }
        }
        return (stdout.ToString(), stderr.ToString(), exit);
    }

    public void Dispose()
    {
        foreach (var pid in _shims)
        {
            if (HostInspection.ProcessAlive(pid))
            {
                try { System.Diagnostics.Process.GetProcessById(pid).Kill(); } catch (ArgumentException) { } catch (InvalidOperationException) { }
                HostInspection.WaitForExit(pid, TimeSpan.FromSeconds(30));
            }
        }
        Runtime.Dispose();
    }
}
