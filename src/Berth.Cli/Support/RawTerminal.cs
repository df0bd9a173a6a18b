using System.Runtime.InteropServices;
using Berth.Linux.Terminal;

namespace Berth.Cli.Support;

// Puts the user's terminal in raw mode for a TTY session (keys go to the container as typed, ctrl-c included) and
// restores it when the session ends, also when the CLI is terminated by a signal.
public sealed class RawTerminal : IDisposable
{
    private readonly TerminalMode _mode;
    private readonly List<PosixSignalRegistration> _signals = [];
    private int _restored;

    private RawTerminal(TerminalMode mode)
    {
        _mode = mode;
        foreach (var signal in new[] { PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT })
            _signals.Add(PosixSignalRegistration.Create(signal, _ => Restore()));
    }

    public static RawTerminal? EnterIfTerminal() => StandardStreams.InIsTerminal() ? new RawTerminal(TerminalMode.MakeRaw(0)) : null;

    private void Restore()
    {
        if (Interlocked.Exchange(ref _restored, 1) == 0) _mode.Dispose();
    }

    public void Dispose()
    {
        foreach (var s in _signals) s.Dispose();
        Restore();
    }
}
