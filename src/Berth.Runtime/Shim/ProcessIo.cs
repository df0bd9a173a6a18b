using System.Net.Sockets;
using Berth.Linux.Native;
using Berth.Linux.Terminal;
using Berth.Linux.Threading;

namespace Berth.Runtime.Shim;

// The stdio the shim gives a container's init or an exec'd process: pipes (stdin only when asked for, else
// /dev/null), or with a terminal a console socket on which the runtime hands over the pty master.
internal sealed class ProcessIo : IDisposable
{
    private readonly Lock _lock = new();
    private readonly List<int> _childEnds = [];
    private readonly Socket? _console;
    private int _stdin = -1, _stdout = -1, _stderr = -1, _master = -1;

    public bool Tty { get; }
    public string? ConsoleSocketPath { get; }
    public IReadOnlyList<(int Parent, int Child)> ChildStdio { get; }

    public ProcessIo(bool tty, bool stdin, string consoleSocketPath)
    {
        Tty = tty;
        var devNull = Fd.Open("/dev/null", OpenFlags.ReadWrite);
        _childEnds.Add(devNull);
        if (tty)
        {
            ConsoleSocketPath = consoleSocketPath;
            File.Delete(consoleSocketPath);
            _console = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            _console.Bind(new UnixDomainSocketEndPoint(consoleSocketPath));
            _console.Listen(1);
            ChildStdio = [(devNull, 0), (devNull, 1), (devNull, 2)];
            return;
        }
        var input = devNull;
        if (stdin)
        {
            (input, _stdin) = Fd.Pipe();
            _childEnds.Add(input);
        }
        int outWrite, errWrite;
        (_stdout, outWrite) = Fd.Pipe();
        (_stderr, errWrite) = Fd.Pipe();
        _childEnds.Add(outWrite);
        _childEnds.Add(errWrite);
        ChildStdio = [(input, 0), (outWrite, 1), (errWrite, 2)];
    }

    // With a terminal: waits for the runtime to hand over the pty master (during create or exec).
    public Task ReceiveMasterAsync(CancellationToken ct)
    {
        if (_console is null) return Task.CompletedTask;
        return Task.Run(async () =>
        {
            using var conn = await _console.AcceptAsync(ct);
            var master = FdPassing.Receive((int)conn.Handle, out _);
            if (master < 0) throw new RuntimeException("the runtime closed the console socket without sending a terminal");
            lock (_lock) _master = master;
        }, ct);
    }

    // Once the runtime has exited only the process holds its ends, so reads see EOF when it is gone.
    public void CloseChildEnds()
    {
        foreach (var fd in _childEnds) Fd.Close(fd);
        _childEnds.Clear();
        CloseConsoleSocket();
    }

    // Copies output to sink(stream, bytes) on one thread that polls every output (a thread per output costs
    // each of a thousand idle shims its stack); completes when every output has ended.
    // idle, when given, gets the output thread between reads (see StartupMemoryReturn). parked, when given, is the
    // thread to pump on (a standby shim starts it ahead of time); otherwise one is started.
    public Task StartPumps(Action<byte, ReadOnlyMemory<byte>> sink, StartupMemoryReturn? idle = null, ParkedThread? parked = null)
    {
        int[] fds = Tty ? [_master] : [_stdout, _stderr];
        byte[] streams = Tty ? [StreamFrames.Stdout] : [StreamFrames.Stdout, StreamFrames.Stderr];
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Run()
        {
            try
            {
                Pump(fds, streams, sink, idle);
            }
            finally
            {
                done.SetResult();
            }
        }
        if (parked?.TryRun(Run) != true) new Thread(Run) { IsBackground = true, Name = "output" }.Start();
        return done.Task;
    }

    // fds[i] becomes -1 (which poll skips) once that output has ended.
    private static void Pump(int[] fds, byte[] streams, Action<byte, ReadOnlyMemory<byte>> sink, StartupMemoryReturn? idle)
    {
        var buffer = new byte[16 * 1024];
        Span<bool> ready = stackalloc bool[fds.Length];
        while (Array.Exists(fds, fd => fd >= 0))
        {
            idle?.RunIfDue();
            if (!FdPoll.WaitReadable(fds, ready, idle?.WaitLimitMs ?? -1)) continue;
            for (var i = 0; i < fds.Length; i++)
            {
                if (!ready[i] || fds[i] < 0) continue;
                int n;
                try
                {
                    n = Fd.Read(fds[i], buffer);
                }
                catch (SyscallException)
                {
                    // A pty master reads EIO once the last holder of the slave has gone: the end of output.
                    n = 0;
                }
                if (n > 0) sink(streams[i], buffer.AsMemory(0, n).ToArray());
                else fds[i] = -1;
            }
        }
    }

    public void WriteStdin(ReadOnlySpan<byte> data)
    {
        lock (_lock)
        {
            var fd = Tty ? _master : _stdin;
            if (fd < 0) return;
            try
            {
                Fd.WriteAll(fd, data);
            }
            catch (SyscallException)
            {
                // The process closed its stdin or exited; what the client still sends has nowhere to go.
            }
        }
    }

    // The client's end of input: the process reads EOF. A terminal has no separate input to close.
    public void CloseStdin()
    {
        lock (_lock)
        {
            Fd.Close(_stdin);
            _stdin = -1;
        }
    }

    public void Resize(int height, int width)
    {
        lock (_lock)
        {
            if (!Tty) throw new RuntimeException("the process has no terminal to resize");
            if (_master < 0) throw new RuntimeException("the terminal is not ready");
            Pty.Resize(_master, (ushort)height, (ushort)width);
        }
    }

    public void Dispose()
    {
        CloseChildEnds();
        lock (_lock)
        {
            Fd.Close(_stdin);
            _stdin = -1;
        }
        // Output fds stay with the pump threads, which end at EOF; closing them under a reader would race.
    }

    // Closes the read ends once the pumps have finished with them.
    public void CloseOutputs()
    {
        lock (_lock)
        {
            Fd.Close(_stdout);
            Fd.Close(_stderr);
            Fd.Close(_master);
            _stdout = _stderr = _master = -1;
        }
    }

    private void CloseConsoleSocket()
    {
        if (_console is null || ConsoleSocketPath is null) return;
        _console.Dispose();
        try
        {
            File.Delete(ConsoleSocketPath);
        }
        catch (IOException)
        {
        }
    }
}
