namespace Berth.Client;

// Where a daemon listens: "unix:///run/berth/berth.sock" (the only transport so far).
public sealed record DaemonAddress(string Host, string SocketPath)
{
    public const string DefaultHost = "unix:///run/berth/berth.sock";

    public static DaemonAddress Default => Parse(DefaultHost);

    public static DaemonAddress Parse(string host)
    {
        if (host.StartsWith("unix://", StringComparison.Ordinal) && host.Length > "unix://".Length && host["unix://".Length] == '/')
            return new DaemonAddress(host, host["unix://".Length..]);
        if (host.StartsWith("tcp://", StringComparison.Ordinal) || host.StartsWith("ssh://", StringComparison.Ordinal) || host.StartsWith("npipe://", StringComparison.Ordinal))
            throw new ArgumentException($"{host[..host.IndexOf(':')]}:// hosts are not supported yet; use unix:///path/to/socket");
        throw new ArgumentException($"invalid host \"{host}\": expected unix:///path/to/socket");
    }
}
