using System.Runtime.InteropServices;

namespace Berth.Cli.Support;

// Keeps a container's (or exec's) TTY the size of the user's terminal: once now, then on every SIGWINCH.
public sealed class TtyResizer : IDisposable
{
    private readonly Func<int, int, Task> _resize;
    private readonly PosixSignalRegistration _registration;

    private TtyResizer(Func<int, int, Task> resize)
    {
        _resize = resize;
        _registration = PosixSignalRegistration.Create(PosixSignal.SIGWINCH, context =>
        {
            context.Cancel = true;
            _ = ResizeNowAsync();
        });
    }

    public static async Task<TtyResizer> StartAsync(Func<int, int, Task> resize)
    {
        var resizer = new TtyResizer(resize);
        await resizer.ResizeNowAsync();
        return resizer;
    }

    private async Task ResizeNowAsync()
    {
        if (TerminalSize.Get() is not { } size) return;
        try
        {
            await _resize(size.Height, size.Width);
        }
        catch (Exception e) when (e is Berth.Client.ClientException or IOException or HttpRequestException)
        {
            // The process may have exited between the signal and the request; a size is not worth an error.
        }
    }

    public void Dispose() => _registration.Dispose();
}
