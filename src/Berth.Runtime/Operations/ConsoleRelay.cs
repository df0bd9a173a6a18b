using System.Runtime.InteropServices;
using Berth.Linux.Native;
using Berth.Linux.Terminal;

namespace Berth.Runtime.Operations;

// `run` of a terminal process without --console-socket: the runtime receives the pty master itself and
// relays it to its own stdio, as runc does, with the user's terminal in raw mode meanwhile.
internal sealed class ConsoleRelay : IDisposable
{
    private readonly int _master;
    private readonly TerminalMode _mode;
    private readonly Thread _output;
    private readonly PosixSignalRegistration _resize;

    public ConsoleRelay(int master)
    {
        _master = master;
        TerminalMode.CopySize(1, master);
        _mode = TerminalMode.MakeRaw(0);
        _resize = PosixSignalRegistration.Create(PosixSignal.SIGWINCH, _ => TerminalMode.CopySize(1, _master));
        _output = new Thread(() => Copy(_master, 1)) { IsBackground = true };
        _output.Start();
        new Thread(() => Copy(0, _master)) { IsBackground = true }.Start();
    }

    // The master reads EIO once the last holder of the slave exits; by then all output has been read.
    public void Drain() => _output.Join(TimeSpan.FromSeconds(5));

    public void Dispose()
    {
        _resize.Dispose();
        _mode.Dispose();
        Fd.Close(_master);
    }

    private static void Copy(int from, int to)
    {
        var buffer = new byte[32 * 1024];
        try
        {
            int n;
            while ((n = Fd.Read(from, buffer)) > 0) Fd.WriteAll(to, buffer.AsSpan(0, n));
        }
        catch (SyscallException)
        {
        }
    }
}
