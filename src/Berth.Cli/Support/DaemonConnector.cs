using Berth.Client;

namespace Berth.Cli.Support;

// Finds the daemon: -H/--host, then BERTH_HOST, then the default socket. Only at the default socket does it start a
// daemon when none answers; an address the user chose is used as given.
public static class DaemonConnector
{
    public static (DaemonAddress Address, bool IsDefault) Resolve(string? hostFlag, Func<string, string?> env)
    {
        var host = hostFlag is { Length: > 0 } ? hostFlag : env("BERTH_HOST") is { Length: > 0 } fromEnv ? fromEnv : null;
        try
        {
            return host is null ? (DaemonAddress.Default, true) : (DaemonAddress.Parse(host), false);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
    }

    public static async Task<BerthClient> ConnectAsync(CliContext context, CancellationToken cancel)
    {
        var (address, isDefault) = Resolve(context.HostFlag, context.Env);
        var client = new BerthClient(address);
        try
        {
            await client.NegotiateAsync(cancel);
            return client;
        }
        catch (DaemonUnreachableException) when (isDefault)
        {
            var pid = await DaemonAutostart.StartAsync(address, cancel);
            await context.Err.WriteLineAsync($"berth: started the daemon (pid {pid}); it listens on {address.Host}");
            await client.NegotiateAsync(cancel);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }
}
