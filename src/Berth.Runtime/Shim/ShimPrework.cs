using System.Net.Sockets;
using Berth.Linux.Native;
using Berth.Linux.Terminal;
using Berth.Linux.Processes;
using Berth.Linux.Threading;
using Berth.Runtime.Standby;

namespace Berth.Runtime.Shim;

// What a shim does before it knows its container: become subreaper, start its reaper, and
// touch the .NET machinery the container's start will need (thread pool, sockets, the wire code) so that a shim
// started ahead of time (`berth shim --standby`) has paid for all of it before the daemon hands it a job.
internal sealed class ShimPrework
{
    public ChildReaper Reaper { get; }
    // A standby's output pump thread, started before it has a container (ProcessIo.StartPumps); null otherwise.
    public ParkedThread? OutputThread { get; private set; }
    private readonly Lock _lock = new();
    private (int Pid, int Socket)? _runtime;
    private int _jobSocket = -1;
    private int _mountNamespace = -1;

    private ShimPrework(ChildReaper reaper)
    {
        Reaper = reaper;
    }

    public static ShimPrework Prepare(bool warmUp)
    {
        ChildReaping.BecomeSubreaper();
        var prework = new ShimPrework(new ChildReaper());
        if (warmUp)
        {
            prework.StartStandbyRuntime();
            prework.OutputThread = new ParkedThread("output");
            WarmUp();
        }
        return prework;
    }

    // A `berth runtime --standby` of this executable, for the container's create (StandbyRuntime).
    private void StartStandbyRuntime()
    {
        if (Environment.ProcessPath is not { } self) return;
        var (ours, theirs) = Fd.SocketPair();
        var devNull = -1;
        try
        {
            devNull = Fd.Open("/dev/null", OpenFlags.ReadWrite);
            var pid = Reaper.Spawn(self, [self, "runtime", StandbyRuntime.Flag], [(theirs, 0), (devNull, 1), (devNull, 2)]);
            _runtime = (pid, ours);
        }
        catch (SyscallException)
        {
            Fd.Close(ours); // no standby runtime: the create spawns one as usual
        }
        finally
        {
            Fd.Close(theirs);
            Fd.Close(devNull);
        }
    }

    // Hands `berth runtime ARGS` with this stdio to the standby runtime; its pid, or null if there is none.
    public int? TryRunStandbyRuntime(IReadOnlyList<string> args, IReadOnlyList<(int Parent, int Child)> stdio)
    {
        (int Pid, int Socket) runtime;
        lock (_lock)
        {
            if (_runtime is not { } r) return null;
            runtime = r;
            _runtime = null;
        }
        try
        {
            var fds = stdio.OrderBy(s => s.Child).Select(s => s.Parent).ToList();
            if (fds.Count != 3) return null;
            FdPassing.Send(runtime.Socket, ArgumentLine.Encode(args), fds);
            lock (_lock) _jobSocket = runtime.Socket;
            return runtime.Pid;
        }
        catch (SyscallException)
        {
            Fd.Close(runtime.Socket);
            return null; // it died waiting; a spawned runtime does the job
        }
    }

    // After the standby runtime took a job: blocks until it reports the job done (StandbyRuntime.ReportDone) or
    // closes its end without that (it failed; its exit status says how). The mount namespace it sends before a
    // start is kept for TakeMountNamespace. false when no standby runtime had the job.
    public bool AwaitStandbyDone()
    {
        int socket;
        lock (_lock) socket = _jobSocket;
        if (socket < 0) return false;
        Span<byte> buffer = stackalloc byte[64];
        var fds = new List<int>();
        try
        {
            while (true)
            {
                var n = FdPassing.Receive(socket, buffer, fds);
                foreach (var fd in fds)
                {
                    if (_mountNamespace < 0) _mountNamespace = fd;
                    else Fd.Close(fd);
                }
                fds.Clear();
                if (n == 0) return false;
                if (buffer[..n].Contains(StandbyRuntime.DoneMark)) return true;
            }
        }
        catch (SyscallException)
        {
            return false;
        }
    }

    // Once AwaitStandbyDone has returned: the container's mount namespace, if the standby runtime sent one
    // (StandbyRuntime.OfferMountNamespace), else -1. The job socket has nothing more to say and is closed.
    public int TakeMountNamespace()
    {
        int socket;
        lock (_lock)
        {
            socket = _jobSocket;
            _jobSocket = -1;
        }
        Fd.Close(socket);
        var received = _mountNamespace;
        _mountNamespace = -1;
        return received;
    }

    // The standby runtime reads end of file and exits; the reaper collects it.
    public void DropStandbyRuntime()
    {
        lock (_lock)
        {
            if (_runtime is { } r) Fd.Close(r.Socket);
            _runtime = null;
        }
    }

    // A standby shim that gets no job: it leaves nothing behind.
    public void Abandon()
    {
        DropStandbyRuntime();
        OutputThread?.Dismiss();
        var ns = TakeMountNamespace();
        if (ns >= 0) Fd.Close(ns);
    }

    private static void WarmUp()
    {
        Task.Run(static () => { }).Wait();
        using (var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
        }
        // The shim's own wire code, not JsonSerializer, whose caches ShimWire exists to keep out of every shim.
        ShimWire.ParseRequest("{\"Op\":\"start\"}");
        ShimWire.Exit(new ShimExit(0, false, ""));
        // The container's cgroup is opened (for its OOM counter) on the way to the exit: the mounts are read now.
        try { Berth.Linux.Cgroups.CgroupManager.KeepHostView(); }
        catch (IOException) { }
    }
}
