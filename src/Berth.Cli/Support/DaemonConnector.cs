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

    // For `run` and `create`, which send their first request at once: no _ping to negotiate the version first (see
    // BerthClient.AssumeLatestVersion). At the default socket a bare connect tells whether a daemon must be started.
    public static async Task<BerthClient> ConnectWithoutPingAsync(CliContext context, CancellationToken cancel)
    {
        var (address, isDefault) = Resolve(context.HostFlag, context.Env);
        if (isDefault && !Listening(address))
            return await ConnectAsync(context, cancel);
        var client = new BerthClient(address);
        client.AssumeLatestVersion();
        return client;
    }

    // The same for `run` on the blocking client (see BlockingClient). Only when the default socket is down does it
    // wait for a daemon it starts, through the async path.
    public static async Task<BlockingClient> ConnectBlockingAsync(CliContext context, CancellationToken cancel)
    {
        var (address, isDefault) = Resolve(context.HostFlag, context.Env);
        var client = new BlockingClient(address);
        if (isDefault && !Listening(address))
        {
            try
            {
                client.Negotiate(cancel);
            }
            catch (DaemonUnreachableException)
            {
                var pid = await DaemonAutostart.StartAsync(address, cancel);
                await context.Err.WriteLineAsync($"berth: started the daemon (pid {pid}); it listens on {address.Host}");
                client.Negotiate(cancel);
            }
            return client;
        }
        client.AssumeLatestVersion();
        return client;
    }

    private static bool Listening(DaemonAddress address)
    {
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream,
            System.Net.Sockets.ProtocolType.Unspecified);
        try
        {
            socket.Connect(new System.Net.Sockets.UnixDomainSocketEndPoint(address.SocketPath));
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
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
