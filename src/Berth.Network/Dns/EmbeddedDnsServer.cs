using System.Net;
using System.Net.Sockets;

namespace Berth.Network.Dns;

// The daemon's one DNS server for all containers on user-defined networks. Serve listens inside a container's
// network namespace at 127.0.0.11:53 (UDP and TCP) and answers from that container's scope, forwarding other
// names upstream. Each container costs two sockets and two pending async receives, no thread.
public sealed class EmbeddedDnsServer : IDisposable
{
    private readonly HashSet<NamespaceDnsListener> _listeners = [];
    private readonly Lock _lock = new();
    private volatile IReadOnlyList<IPEndPoint> _upstreams;
    private int _forwarding;
    private bool _disposed;

    public EmbeddedDnsServer(IReadOnlyList<IPEndPoint> upstreams, EmbeddedDnsOptions? options = null)
    {
        _upstreams = upstreams.ToArray();
        Options = options ?? new EmbeddedDnsOptions();
    }

    public EmbeddedDnsOptions Options { get; }

    // The resolvers used by containers without their own (replace when the host's resolv.conf changes).
    public IReadOnlyList<IPEndPoint> Upstreams
    {
        get => _upstreams;
        set => _upstreams = value.ToArray();
    }

    // Starts answering inside the namespace at netnsPath; disposing the result closes its sockets.
    // upstreams overrides the server's list for this container (docker run --dns on a user-defined network).
    public IDisposable Serve(string netnsPath, IDnsScope scope, IReadOnlyList<IPEndPoint>? upstreams = null)
    {
        var (udp, tcp) = NamespaceSockets.Create(netnsPath, () => Bind(Options.ListenEndpoint));
        var listener = new NamespaceDnsListener(this, netnsPath, scope, upstreams?.ToArray(), udp, tcp);
        lock (_lock)
        {
            if (_disposed)
            {
                listener.Close();
                throw new ObjectDisposedException(nameof(EmbeddedDnsServer));
            }
            _listeners.Add(listener);
        }
        listener.Start();
        return listener;
    }

    public void Dispose()
    {
        List<NamespaceDnsListener> listeners;
        lock (_lock)
        {
            _disposed = true;
            listeners = [.. _listeners];
            _listeners.Clear();
        }
        foreach (var listener in listeners) listener.Close();
    }

    internal void Remove(NamespaceDnsListener listener)
    {
        lock (_lock) _listeners.Remove(listener);
    }

    // Reserves one forwarding slot; false when the server is at its limit.
    internal bool TryBeginForward()
    {
        if (Interlocked.Increment(ref _forwarding) <= Options.MaxConcurrentForwards) return true;
        Interlocked.Decrement(ref _forwarding);
        return false;
    }

    internal void EndForward() => Interlocked.Decrement(ref _forwarding);

    private static (Socket Udp, Socket Tcp) Bind(IPEndPoint endpoint)
    {
        var udp = new Socket(endpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        Socket? tcp = null;
        try
        {
            udp.Bind(endpoint);
            tcp = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            // A restarted listener must not wait for old connections in TIME_WAIT.
            tcp.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            tcp.Bind(endpoint);
            tcp.Listen(128);
            return (udp, tcp);
        }
        catch
        {
            udp.Dispose();
            tcp?.Dispose();
            throw;
        }
    }
}
