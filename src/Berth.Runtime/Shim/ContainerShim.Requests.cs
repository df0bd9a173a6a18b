using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Berth.Linux;
using Berth.Linux.Native;
using Berth.Linux.Processes;

namespace Berth.Runtime.Shim;

// The socket protocol: one JSON request line per connection, JSON replies, then frames for attach and exec.
internal sealed partial class ContainerShim
{
    private readonly Dictionary<string, ProcessIo> _execs = [];
    private int _execSequence;

    private async Task ServeAsync(Socket conn)
    {
        var keepOpen = false;
        try
        {
            var line = await ShimConnection.ReadLineAsync(conn, CancellationToken.None);
            if (line is null) return;
            ShimRequest request;
            try
            {
                request = ShimWire.ParseRequest(line);
            }
            catch (JsonException e)
            {
                Reply(conn, error: $"invalid request: {e.Message}");
                return;
            }
            try
            {
                keepOpen = await DispatchAsync(conn, request);
            }
            catch (Exception e) when (e is RuntimeException or LinuxException or SyscallException or IOException)
            {
                Reply(conn, error: e.Message.ReplaceLineEndings(" "));
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException)
        {
            // The client went away.
        }
        finally
        {
            if (!keepOpen) ShimConnection.Close(conn);
        }
    }

    // true when the connection now belongs to the output hub.
    private async Task<bool> DispatchAsync(Socket conn, ShimRequest request)
    {
        switch (request.Op)
        {
            case "start":
                await StartAsync();
                Reply(conn);
                return false;
            case "attach":
                return Attach(conn, request);
            case "resize":
                Resize(request);
                Reply(conn);
                return false;
            case "kill":
                if (request.Signal is <= 0 or > 64) throw new RuntimeException($"invalid signal {request.Signal}");
                lock (_lock)
                {
                    // The init is our child until we reap it, so its pid cannot have been reused.
                    if (_status != "stopped") ProcessControl.Kill(_pid, request.Signal);
                }
                Reply(conn);
                return false;
            case "wait":
                ShimConnection.Send(conn, ShimWire.Exit(await _exit.Task));
                _exitDelivered.TrySetResult();
                return false;
            case "state":
                lock (_lock) ShimConnection.Send(conn, ShimWire.State(new ShimState { Pid = _pid, Status = _status }));
                return false;
            case "exec":
                await ExecAsync(conn, request);
                return false;
            default:
                throw new RuntimeException($"unknown operation \"{request.Op}\"");
        }
    }

    // On the daemon's request, or at once after the create (ShimOptions.Start).
    internal async Task StartAsync()
    {
        lock (_lock)
        {
            if (_status != "created") throw new RuntimeException($"container is {_status}, not created");
        }
        await _runtime.StartAsync(_options.Id);
        lock (_lock) if (_status == "created") _status = "running";
        _startupMemory.MarkStarted();
    }

    private bool Attach(Socket conn, ShimRequest request)
    {
        if (!_hub!.Add(conn, request.Stdout, request.Stderr, () => Reply(conn))) return false;
        if (!request.Stdin)
        {
            return true;
        }
        _ = Task.Run(async () =>
        {
            var buffer = new byte[32 * 1024];
            try
            {
                int n;
                while ((n = await conn.ReceiveAsync(buffer, SocketFlags.None)) > 0) _io!.WriteStdin(buffer.AsSpan(0, n));
                if (_options.StdinOnce) _io!.CloseStdin();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
            }
        });
        return true;
    }

    private void Resize(ShimRequest request)
    {
        if (request.Height is < 0 or > ushort.MaxValue || request.Width is < 0 or > ushort.MaxValue)
            throw new RuntimeException($"invalid terminal size {request.Height}x{request.Width}");
        if (request.ExecId is null)
        {
            _io!.Resize(request.Height, request.Width);
            return;
        }
        ProcessIo? io;
        lock (_lock) _execs.TryGetValue(request.ExecId, out io);
        if (io is null) throw new RuntimeException($"no such exec: {request.ExecId}");
        io.Resize(request.Height, request.Width);
    }

    private async Task ExecAsync(Socket conn, ShimRequest request)
    {
        if (request.ExecId is not { Length: > 0 } execId) throw new RuntimeException("exec needs an ExecId");
        if (request.Process is not { ValueKind: JsonValueKind.Object } process) throw new RuntimeException("exec needs a Process object");
        lock (_lock)
        {
            if (_status != "running") throw new RuntimeException($"cannot exec in a container that is {_status}");
            if (_execs.ContainsKey(execId)) throw new RuntimeException($"exec {execId} is already running");
        }
        var n = Interlocked.Increment(ref _execSequence);
        var node = JsonNode.Parse(process.GetRawText())!.AsObject();
        node["terminal"] = request.Tty; // the stdio the shim prepares must be what the process expects
        var processFile = Path.Combine(_workDir, $"exec-{n}.json");
        var pidFile = Path.Combine(_workDir, $"exec-{n}.pid");
        File.WriteAllText(processFile, node.ToJsonString());
        using var io = new ProcessIo(request.Tty, request.Stdin && !request.Detach, Path.Combine(_workDir, $"exec-{n}.sock"));
        var command = new List<string> { "exec", "--process", processFile };
        if (io.ConsoleSocketPath is { } console) command.AddRange(["--console-socket", console]);
        command.AddRange(["--detach", "--pid-file", pidFile, _options.Id]);
        using var cancel = new CancellationTokenSource();
        var master = io.ReceiveMasterAsync(cancel.Token);
        var (runtimePid, log) = _runtime.Spawn(command, io.ChildStdio);
        var code = await _reaper.ExitOf(runtimePid);
        File.Delete(processFile);
        if (code != 0)
        {
            cancel.Cancel();
            throw new RuntimeException(RuntimeCommand.ErrorOf(log, code, "exec"));
        }
        File.Delete(log);
        await master.WaitAsync(TimeSpan.FromSeconds(30));
        var pid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        File.Delete(pidFile);
        // Detached from the runtime, the process is now ours (we are its subreaper) to reap.
        var exited = _reaper.ExitOf(pid);
        io.CloseChildEnds();
        lock (_lock) _execs[execId] = io;
        try
        {
            ShimConnection.Send(conn, ShimWire.Reply(new ShimReply { Ok = true, Pid = pid }));
            var attached = !request.Detach;
            var output = io.StartPumps((stream, data) =>
            {
                if (!attached) return;
                try
                {
                    ShimConnection.SendFrame(conn, stream, data.Span);
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                    attached = false;
                }
            });
            if (request.Stdin && !request.Detach) _ = CopyExecStdinAsync(conn, io);
            var exitCode = await exited;
            await Task.WhenAny(output, Task.Delay(TimeSpan.FromSeconds(5)));
            if (output.IsCompleted) io.CloseOutputs();
            if (!request.Detach)
            {
                var status = ShimWire.ExecExit(exitCode);
                ShimConnection.SendFrame(conn, StreamFrames.Status, status);
            }
        }
        finally
        {
            lock (_lock) _execs.Remove(execId);
        }
    }

    private static async Task CopyExecStdinAsync(Socket conn, ProcessIo io)
    {
        var buffer = new byte[32 * 1024];
        try
        {
            int n;
            while ((n = await conn.ReceiveAsync(buffer, SocketFlags.None)) > 0) io.WriteStdin(buffer.AsSpan(0, n));
            io.CloseStdin();
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
    }

    private static void Reply(Socket conn, string? error = null) =>
        ShimConnection.Send(conn, ShimWire.Reply(error is null ? new ShimReply { Ok = true } : new ShimReply { Error = error }));
}
