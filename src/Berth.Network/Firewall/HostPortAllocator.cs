using Berth.Network.Ipam;

namespace Berth.Network.Firewall;

// Host ports Berth publishes, per protocol. A reservation on every address (hostIp null, Docker's 0.0.0.0)
// conflicts with one on any single address for the same port, and the other way round, because both would
// claim the same packets. In memory only: after a daemon restart, Restore re-registers what containers publish.
public sealed class HostPortAllocator
{
    private readonly object _lock = new();
    private readonly HashSet<(TransportProtocol Protocol, uint? HostIp, int Port)> _reserved = [];
    private readonly Func<LocalPortRange> _dynamicRange;
    // Where ReserveAny looks next, per protocol and address: Docker hands out ports in order, not lowest-first,
    // so a port just released is not reused at once by the next container.
    private readonly Dictionary<(TransportProtocol, uint?), int> _next = [];

    public HostPortAllocator(Func<LocalPortRange>? dynamicRange = null)
    {
        _dynamicRange = dynamicRange ?? LocalPortRange.Read;
    }

    public void Reserve(TransportProtocol protocol, Ipv4Address? hostIp, int port)
    {
        ValidatePort(port);
        var ip = Normalise(hostIp);
        lock (_lock)
        {
            ThrowIfReserved(protocol, ip, port);
            if (HostPortProbe.Probe(protocol, ip, port) is { } failure) throw Unavailable(protocol, ip, port, failure.Reason);
            _reserved.Add((protocol, ip?.Value, port));
        }
    }

    // A free port from the kernel's ephemeral range, as for `-p 80` or `-P`.
    public int ReserveAny(TransportProtocol protocol, Ipv4Address? hostIp)
    {
        var ip = Normalise(hostIp);
        var range = _dynamicRange();
        lock (_lock)
        {
            var start = _next.TryGetValue((protocol, ip?.Value), out var next) && next >= range.First && next <= range.Last ? next : range.First;
            for (var i = 0; i < range.Count; i++)
            {
                var port = range.First + (start - range.First + i) % range.Count;
                if (IsReserved(protocol, ip, port)) continue;
                if (HostPortProbe.Probe(protocol, ip, port) is { } failure)
                {
                    if (failure.InUse) continue;
                    // Any other bind failure (an address that is not the host's) would fail for every port.
                    throw Unavailable(protocol, ip, port, failure.Reason);
                }
                _reserved.Add((protocol, ip?.Value, port));
                _next[(protocol, ip?.Value)] = port == range.Last ? range.First : port + 1;
                return port;
            }
        }
        throw new PortAllocationException(PortAllocationErrorKind.Exhausted,
            $"Bind for {Show(ip)}:{range.First}-{range.Last}/{protocol.Name()} failed: all ports are allocated");
    }

    // Re-registers a reservation made before a daemon restart: the port is in use by that very container's
    // forward (or free), so the bind test would only get in the way.
    public void Restore(TransportProtocol protocol, Ipv4Address? hostIp, int port)
    {
        ValidatePort(port);
        var ip = Normalise(hostIp);
        lock (_lock)
        {
            if (_reserved.Contains((protocol, ip?.Value, port))) return;
            ThrowIfReserved(protocol, ip, port);
            _reserved.Add((protocol, ip?.Value, port));
        }
    }

    // Returns false if the port was not reserved.
    public bool Release(TransportProtocol protocol, Ipv4Address? hostIp, int port)
    {
        var ip = Normalise(hostIp);
        lock (_lock)
        {
            return _reserved.Remove((protocol, ip?.Value, port));
        }
    }

    public bool IsReserved(TransportProtocol protocol, Ipv4Address? hostIp, int port)
    {
        var ip = Normalise(hostIp);
        lock (_lock)
        {
            if (_reserved.Contains((protocol, ip?.Value, port))) return true;
            if (ip is null) return _reserved.Any(r => r.Protocol == protocol && r.Port == port);
            return _reserved.Contains((protocol, null, port));
        }
    }

    private void ThrowIfReserved(TransportProtocol protocol, Ipv4Address? ip, int port)
    {
        if (IsReserved(protocol, ip, port))
            throw new PortAllocationException(PortAllocationErrorKind.AlreadyAllocated, $"Bind for {Show(ip)}:{port} failed: port is already allocated");
    }

    private static PortAllocationException Unavailable(TransportProtocol protocol, Ipv4Address? ip, int port, string reason) =>
        new(PortAllocationErrorKind.Unavailable, $"listen {protocol.Name()}4 {Show(ip)}:{port}: bind: {reason}");

    private static Ipv4Address? Normalise(Ipv4Address? hostIp) => hostIp is { Value: 0 } ? null : hostIp;

    private static string Show(Ipv4Address? ip) => ip?.ToString() ?? "0.0.0.0";

    private static void ValidatePort(int port)
    {
        if (port is < 1 or > 65535)
            throw new PortAllocationException(PortAllocationErrorKind.InvalidArgument, $"invalid host port {port}: ports are 1 to 65535");
    }
}
