using System.Net.Sockets;
using Berth.Linux;
using Berth.Linux.Native;
using Berth.Linux.Processes;
using Berth.Runtime.Logs;
using Berth.Runtime.Standby;

namespace Berth.Runtime.Shim;

// `berth shim ...`: the per-container monitor (DESIGN.md, "Start of a container", step 3). It creates the
// container through the runtime, holds its stdio, serves the socket, and records the exit. Its stdout is a pipe
// to the daemon that gets exactly one line, "ready PID" or "error MESSAGE".
public static class ShimMain
{
    public static int Run(string[] args)
    {
        if (args is [StandbyFlag]) return Standby();
        ShimOptions options;
        try
        {
            options = ShimOptions.Parse(args);
        }
        catch (RuntimeException e)
        {
            Report($"error {e.Message}");
            return 2;
        }
        return Serve(options, ShimPrework.Prepare(warmUp: false));
    }

    // Hidden: `berth shim --standby`, a shim the daemon starts ahead of time (ShimPool). It does everything that
    // does not depend on a container, then waits for its arguments as one line on stdin (ArgumentLine). End of
    // file instead means the daemon has gone or no longer wants it: it exits without a word.
    public const string StandbyFlag = "--standby";

    private static int Standby()
    {
        var prework = ShimPrework.Prepare(warmUp: true);
        ShimOptions options;
        try
        {
            if (ArgumentLine.Read(buffer => Fd.Read(0, buffer)) is not { } args)
            {
                prework.Abandon();
                return 0;
            }
            StandbyPriority.Restore();
            var devNull = Fd.Open("/dev/null", OpenFlags.ReadWrite);
            Fd.Dup2(devNull, 0);
            Fd.Close(devNull);
            options = ShimOptions.Parse(args);
            if (options.StderrPath is { } path)
            {
                var stderr = Fd.Open(path, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Append, 0x180);
                Fd.Dup2(stderr, 2);
                Fd.Close(stderr);
            }
        }
        catch (Exception e) when (e is RuntimeException or SyscallException)
        {
            prework.Abandon();
            Report($"error {e.Message}");
            return 2;
        }
        return Serve(options, prework);
    }

    private static int Serve(ShimOptions options, ShimPrework prework)
    {
        var shim = new ContainerShim(options, prework);
        try
        {
            var pid = BlockingWait.Result(shim.CreateAsync());
            Report($"ready {pid}");
        }
        catch (Exception e)
        {
            var message = e is RuntimeException or LinuxException or SyscallException or IOException or SocketException
                ? e.Message : $"internal error: {e.GetType().Name}: {e.Message}";
            shim.CleanUpFailedCreate();
            Report($"error {message.ReplaceLineEndings(" ")}");
            return 1;
        }
        // The daemon may go away at any time; nothing more is written to it.
        var devNull = Fd.Open("/dev/null", OpenFlags.ReadWrite);
        Fd.Dup2(devNull, 1);
        Fd.Close(devNull);
        return shim.RunUntilExit();
    }

    private static void Report(string line)
    {
        try
        {
            Fd.WriteAll(1, line + "\n");
        }
        catch (SyscallException)
        {
            // The daemon died before reading: the shim carries on (or fails) without it.
        }
    }
}

internal sealed partial class ContainerShim
{
    private readonly ShimOptions _options;
    private readonly ChildReaper _reaper;
    private readonly ShimPrework _prework;
    private readonly string _workDir;
    private readonly RuntimeCommand _runtime;
    private readonly TaskCompletionSource<ShimExit> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly StartupMemoryReturn _startupMemory = new();
    private readonly TaskCompletionSource _exitDelivered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private readonly List<Task> _connections = [];
    private ProcessIo? _io;
    private JsonFileLogWriter? _log;
    private OutputHub? _hub;
    private Task _output = Task.CompletedTask;
    private Socket? _listener;
    private bool _created;
    private int _pid;
    private int _mountNamespace = -1;
    private string _status = "created";

    public ContainerShim(ShimOptions options, ShimPrework prework)
    {
        _options = options;
        _reaper = prework.Reaper;
        _workDir = WorkDirOf(options);
        _prework = prework;
        _runtime = new RuntimeCommand(_reaper, options, _workDir, prework);
    }

    // Beside the shim's socket (<exec-root>/shims/<id>.d), where the daemon's TopDirectory puts it in a block group of
    // its own; not in /tmp, whose group every other user of /tmp churns, and which kept the directories of killed shims.
    private static string WorkDirOf(ShimOptions options) => Path.ChangeExtension(options.SocketPath, ".d");

    public async Task<int> CreateAsync()
    {
        // A shim killed before it could clean up left its directory; the container's next shim starts afresh.
        if (Directory.Exists(_workDir)) TryDeleteDir(_workDir);
        Directory.CreateDirectory(_workDir);
        if (_options.LogDriver == "json-file") _log = new JsonFileLogWriter(_options.LogPath!, _options.LogMaxSize, _options.LogMaxFile);
        _hub = new OutputHub(_log, _options.Start ? _options.HeldAttaches : 0);
        _io = new ProcessIo(_options.Tty, _options.Stdin, Path.Combine(_workDir, "console.sock"));
        var pidFile = Path.Combine(_workDir, "init.pid");
        // Berth's runtime starts the container in the same process that creates it (`run --detach`), so the exec
        // follows init's set-up at once; another runtime is told to start it once it has been created.
        var startedByRuntime = _options.Start && _options.Runtime is null;
        var command = new List<string>(startedByRuntime ? ["run", "--detach"] : ["create"]) { "--bundle", _options.Bundle };
        if (_io.ConsoleSocketPath is { } console) command.AddRange(["--console-socket", console]);
        command.AddRange(["--pid-file", pidFile, _options.Id]);
        using var cancel = new CancellationTokenSource();
        var master = _io.ReceiveMasterAsync(cancel.Token);
        var (runtimePid, log) = _runtime.Spawn(command, _io.ChildStdio);
        _prework.DropStandbyRuntime(); // unused when the create went to another runtime
        var code = _prework.AwaitStandbyDone() ? 0 : await _reaper.ExitOf(runtimePid);
        if (code != 0)
        {
            cancel.Cancel();
            throw new RuntimeException(RuntimeCommand.ErrorOf(log, code, "create"));
        }
        _created = true;
        File.Delete(log);
        // The runtime is done, so a terminal it was to send is already queued on the socket.
        await master.WaitAsync(TimeSpan.FromSeconds(30));
        _pid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        HoldMountNamespace();
        _io.CloseChildEnds();
        _output = _io.StartPumps(_hub.Publish, _startupMemory, _prework.OutputThread);
        File.Delete(_options.SocketPath);
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(_options.SocketPath));
        _listener.Listen(64);
        _ = AcceptLoopAsync(_listener);
        if (startedByRuntime)
        {
            lock (_lock) _status = "running";
            _startupMemory.MarkStarted();
        }
        else if (_options.Start)
        {
            await StartAsync();
        }
        return _pid;
    }

    public void CleanUpFailedCreate()
    {
        ReleaseMountNamespace();
        if (_created)
        {
            try
            {
                _runtime.DeleteAsync(_options.Id).GetAwaiter().GetResult();
            }
            catch (RuntimeException)
            {
            }
        }
        _listener?.Dispose();
        TryDelete(_options.SocketPath);
        _io?.Dispose();
        _log?.Dispose();
        TryDeleteDir(_workDir);
    }

    // On the main thread, which has nothing else to do: every wait here sleeps on it (BlockingWait), so the exit
    // takes no hop to the pool and starts no timer thread. A thread started on this path (Task.Delay's timer, a
    // pool worker for a continuation) spun on sched_yield until it ran: a median of 0.1-0.25 ms, up to 7 ms here.
    public int RunUntilExit()
    {
        var cgroup = ContainerExitInfo.OpenCgroup(_options.CgroupsPath ?? ContainerExitInfo.CgroupsPathOf(_options.Bundle, _options.Id));
        Berth.Linux.Cgroups.CgroupManager.ForgetHostView(); // read during the warm-up for this one Open
        var code = _reaper.WaitExit(_pid);
        // Output written just before the exit is still in the pipes; a process the container left behind holding
        // them must not keep the shim forever. (A blocking wait: Task.Delay would start a timer thread for it.)
        BlockingWait.Block(_output, OutputDrainLimit);
        _log?.Flush();
        var exit = new ShimExit(code, ContainerExitInfo.OomKilled(cgroup), GoTimestamp.Format(DateTime.UtcNow));
        // Before the answer: the daemon may remove the container (its directory, where the file goes) once it has it.
        ExitFile.Write(_options.ExitFilePath, exit);
        lock (_lock) _status = "stopped";
        _exit.SetResult(exit);
        _hub!.CloseAll();
        // Waiters get their answer first: the daemon's wait (which for a short run often connects only after the
        // exit) and whoever else is connected; their writes run on the pool meanwhile.
        BlockingWait.Block(_exitDelivered.Task, OutputDrainLimit);
        Task[] pending;
        lock (_lock) pending = [.. _connections];
        BlockingWait.Block(Task.WhenAll(pending), OutputDrainLimit);
        ReleaseMountNamespace();
        // Then the runtime's cleanup (the cgroups and its state), off the path of whoever waits for the exit. The
        // daemon starts this container again only once this process has ended (it watches it), so a new create
        // never meets the old state.
        try
        {
            BlockingWait.Wait(_runtime.DeleteAsync(_options.Id));
        }
        catch (RuntimeException e)
        {
            Console.Error.WriteLine($"berth shim: delete {_options.Id}: {e.Message}");
        }
        TryDeleteDir(_workDir);
        _listener!.Dispose();
        TryDelete(_options.SocketPath);
        _log?.Dispose();
        if (_output.IsCompleted) _io!.CloseOutputs();
        return 0;
    }

    private static readonly TimeSpan OutputDrainLimit = TimeSpan.FromSeconds(5);

    // The last process of a mount namespace tears it down in its exit: every mount of the container unmounted,
    // with an expedited RCU grace period, before its parent even hears of the exit (0.3-2 ms here). Holding the
    // namespace moves that to ReleaseMountNamespace, after the exit has been answered. A standby runtime that
    // started the container itself sent it before the start (a quick PID 1 is gone by now); otherwise it is
    // opened here, before the start. Best effort: without the hold only the exit is slower.
    private void HoldMountNamespace()
    {
        var fd = _prework.TakeMountNamespace();
        if (fd < 0) fd = Fd.TryOpenAt(-100 /* AT_FDCWD */, $"/proc/{_pid}/ns/mnt", OpenFlags.ReadOnly, out _);
        if (fd >= 0) _mountNamespace = fd;
    }

    private void ReleaseMountNamespace()
    {
        if (_mountNamespace < 0) return;
        Fd.Close(_mountNamespace);
        _mountNamespace = -1;
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        while (true)
        {
            Socket conn;
            try
            {
                conn = await listener.AcceptAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }
            var task = Task.Run(() => ServeAsync(conn));
            lock (_lock)
            {
                _connections.RemoveAll(t => t.IsCompleted);
                _connections.Add(task);
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    private static void TryDeleteDir(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
