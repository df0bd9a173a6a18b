using Berth.Linux.Native;
using Berth.Linux.Sockets;
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
        var (udpFd, tcpFd) = NamespaceSockets.Create(netnsPath, () => BindRaw(Options.ListenEndpoint));
        // Wrapped here, in the daemon's namespace: a Socket may start the runtime's I/O and pool threads.
        var udp = new Socket(new SafeSocketHandle(udpFd, ownsHandle: true));
        var tcp = new Socket(new SafeSocketHandle(tcpFd, ownsHandle: true));
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

    // Runs inside the container's namespace: plain syscalls only (see RawIpv4Sockets).
    private static (int Udp, int Tcp) BindRaw(IPEndPoint endpoint)
    {
        var udp = RawIpv4Sockets.BindUdp(endpoint.Address, endpoint.Port);
        try
        {
            return (udp, RawIpv4Sockets.ListenTcp(endpoint.Address, endpoint.Port, 128));
        }
        catch
        {
            Fd.Close(udp);
            throw;
        }
    }
}
