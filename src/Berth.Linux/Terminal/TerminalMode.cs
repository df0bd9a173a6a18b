using System.Runtime.InteropServices;
using Berth.Linux.Native;

namespace Berth.Linux.Terminal;

// Raw mode for the user's own terminal while a container's pty is attached to it, restored on Dispose.
public sealed unsafe partial class TerminalMode : IDisposable
{
    private const ulong TIOCGWINSZ = 0x5413;
    private readonly int _fd;
    private readonly byte[] _saved = new byte[64];
    private bool _restore;

    private TerminalMode(int fd) => _fd = fd;

    public static bool IsTerminal(int fd) => isatty(fd) == 1;

    public static TerminalMode MakeRaw(int fd)
    {
        var mode = new TerminalMode(fd);
        if (!IsTerminal(fd)) return mode;
        fixed (byte* saved = mode._saved)
        {
            if (tcgetattr(fd, saved) != 0) return mode;
            var raw = stackalloc byte[64];
            new Span<byte>(saved, 64).CopyTo(new Span<byte>(raw, 64));
            cfmakeraw(raw);
            if (tcsetattr(fd, 0, raw) == 0) mode._restore = true;
        }
        return mode;
    }

    // Copies the window size of one terminal to another (a pty master), if the first is a terminal.
    public static void CopySize(int from, int to)
    {
        var ws = stackalloc ushort[4];
        if (Libc.ioctl(from, TIOCGWINSZ, (nint)ws) == 0) Pty.Resize(to, ws[0], ws[1]);
    }

    public void Dispose()
    {
        if (!_restore) return;
        fixed (byte* saved = _saved) tcsetattr(_fd, 0, saved);
        _restore = false;
    }

    [LibraryImport("libc")]
    private static partial int isatty(int fd);

    [LibraryImport("libc")]
    private static partial int tcgetattr(int fd, byte* termios);

    [LibraryImport("libc")]
    private static partial int tcsetattr(int fd, int action, byte* termios);

    [LibraryImport("libc")]
    private static partial void cfmakeraw(byte* termios);
}
