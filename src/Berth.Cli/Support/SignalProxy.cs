using System.Runtime.InteropServices;
using Berth.Client;

namespace Berth.Cli.Support;

// --sig-proxy: signals the CLI receives are sent to the container (POST /containers/{id}/kill) instead of ending the
// CLI, as docker does for an attached container without a TTY.
public sealed class SignalProxy : IDisposable
{
    private static readonly (PosixSignal Signal, string Name)[] Forwarded =
    [
        (PosixSignal.SIGINT, "SIGINT"), (PosixSignal.SIGTERM, "SIGTERM"), (PosixSignal.SIGHUP, "SIGHUP"),
        (PosixSignal.SIGQUIT, "SIGQUIT"), ((PosixSignal)10, "SIGUSR1"), ((PosixSignal)12, "SIGUSR2"),
    ];

    private readonly List<PosixSignalRegistration> _registrations = [];

    // kill: sends the named signal to the container.
    public SignalProxy(Func<string, Task> kill, TextWriter err)
    {
        foreach (var (signal, name) in Forwarded)
            _registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true;
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await kill(name);
                    }
                    catch (Exception e) when (e is ClientException or IOException)
                    {
                        await err.WriteLineAsync($"Error sending signal: {e.Message}");
                    }
                });
            }));
    }

    public void Dispose()
    {
        foreach (var r in _registrations) r.Dispose();
    }
}
