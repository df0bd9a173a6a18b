using System.Text;
using Berth.Linux.Terminal;
using Microsoft.Win32.SafeHandles;

namespace Berth;

// Console.In/Out/Error on the raw descriptors, so .NET never initialises the terminal (see FdOutputStream): the
// CLI and a daemon in the foreground print exactly what docker and dockerd print.
internal static class PlainConsole
{
    public static void Install()
    {
        Console.SetOut(Writer(1));
        Console.SetError(Writer(2));
        try
        {
            Console.SetIn(new StreamReader(new FileStream(new SafeFileHandle(0, ownsHandle: false), FileAccess.Read, 1), new UTF8Encoding(false)));
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            // No usable stdin (closed): Console.In stays .NET's, which reads as empty.
        }
    }

    private static StreamWriter Writer(int fd) => new(new FdOutputStream(fd), new UTF8Encoding(false)) { AutoFlush = true };
}
