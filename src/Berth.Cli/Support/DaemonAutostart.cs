using System.Diagnostics;
using Berth.Client;

namespace Berth.Cli.Support;

// Starts `berth daemon` in the background when the CLI finds none at the default socket (as a first `docker run`
// does on Docker Desktop), then waits until it answers.
public static class DaemonAutostart
{
    private const string DataRoot = "/var/lib/berth";
    private const string PidFile = "/run/berth/berth.pid";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    public static async Task<string> StartAsync(DaemonAddress address, CancellationToken cancel)
    {
        var exe = Environment.ProcessPath ?? throw new ClientException(0, "cannot start the daemon: the path of this executable is unknown");
        var log = Path.Combine(DataRoot, "daemon.log");
        try
        {
            Directory.CreateDirectory(DataRoot);
        }
        catch (UnauthorizedAccessException)
        {
            throw new ClientException(0, $"no daemon answers at {address.Host}, and starting one needs root (permission denied on {DataRoot})");
        }

        // setsid detaches it from this terminal's session; the shell's `&` makes init its parent when the shell exits;
        // `cd /` keeps the daemon from pinning the directory the user happened to be in.
        var psi = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("cd / && setsid \"$0\" daemon </dev/null >>\"$1\" 2>&1 &");
        psi.ArgumentList.Add(exe);
        psi.ArgumentList.Add(log);
        using (var shell = Process.Start(psi) ?? throw new ClientException(0, "cannot start the daemon: /bin/sh did not start"))
            await shell.WaitForExitAsync(cancel);

        using var probe = new BerthClient(address, TimeSpan.FromSeconds(2));
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await probe.PingAsync(cancel);
                break;
            }
            catch (DaemonUnreachableException) when (deadline.Elapsed < StartTimeout)
            {
                await Task.Delay(20, cancel);
            }
            catch (DaemonUnreachableException)
            {
                throw new ClientException(0, $"started a daemon but it did not answer at {address.Host} within {StartTimeout.TotalSeconds:0}s; see {log}");
            }
        }
        try
        {
            return File.ReadAllText(PidFile).Trim();
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
