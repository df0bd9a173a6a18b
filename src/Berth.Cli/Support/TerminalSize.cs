using System.Runtime.InteropServices;

namespace Berth.Cli.Support;

// The size of the user's terminal, sent to the daemon so the container's TTY matches it.
public static unsafe partial class TerminalSize
{
    private const ulong TIOCGWINSZ = 0x5413;

    public static (int Height, int Width)? Get()
    {
        var ws = stackalloc ushort[4];
        foreach (var fd in new[] { 1, 0, 2 })
        {
            if (ioctl(fd, TIOCGWINSZ, (nint)ws) == 0 && (ws[0] > 0 || ws[1] > 0))
                return (ws[0], ws[1]);
        }
        return null;
    }

    [LibraryImport("libc")]
    private static partial int ioctl(int fd, ulong request, nint arg);
}
