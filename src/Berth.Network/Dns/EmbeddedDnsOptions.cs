using System.Net;

namespace Berth.Network.Dns;

public sealed record EmbeddedDnsOptions
{
    // Where containers find the server, as with Docker (their resolv.conf says nameserver 127.0.0.11).
    public IPEndPoint ListenEndpoint { get; init; } = new(IPAddress.Parse("127.0.0.11"), 53);

    // How long one upstream gets before the next is tried (Docker: 4 s).
    public TimeSpan UpstreamTimeout { get; init; } = TimeSpan.FromSeconds(4);

    // Queries being forwarded at once, over all containers; more get SERVFAIL rather than piling up sockets.
    public int MaxConcurrentForwards { get; init; } = 1024;

    // A TCP client that sends nothing for this long is disconnected.
    public TimeSpan TcpIdleTimeout { get; init; } = TimeSpan.FromSeconds(10);

    // TCP connections per container; more are closed as they arrive.
    public int MaxTcpConnectionsPerNamespace { get; init; } = 64;

    // Reports failures that are not the client's fault (a scope that threw, an accept that failed).
    public Action<string>? Log { get; init; }
}
