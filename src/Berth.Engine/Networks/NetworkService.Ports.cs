using Berth.Engine.Containers;
using Berth.Network.Firewall;
using Berth.Network.Ipam;

namespace Berth.Engine.Networks;

// Published ports: host ports reserved for a running container and forwarded to its address on its first
// network. No process per port: each is an entry in the firewall's maps.
public sealed partial class NetworkService
{
    private readonly HostPortAllocator _hostPorts = new();

    private void PublishPorts(ContainerRecord record)
    {
        var requests = PortRequests.Parse(record.HostConfig, record.Config.ExposedPorts?.Keys);
        if (requests.Count == 0) return;
        var (name, endpoint) = (record.Networks ?? []).FirstOrDefault(p => p.Value.IPAddress is not null);
        if (endpoint is null) return;
        var network = Find(endpoint.NetworkId);
        // As dockerd: an internal network has no way in from the host either.
        if (network.Internal) return;
        var containerIp = Ipv4Address.Parse(endpoint.IPAddress!);
        var forwards = new List<PortForward>();
        var published = new List<PublishedPort>();
        try
        {
            foreach (var request in requests)
            {
                var protocol = TransportProtocols.Parse(request.Protocol);
                Ipv4Address? hostIp = request.HostIp.Length == 0 ? null : Ipv4Address.Parse(request.HostIp);
                var port = Reserve(protocol, hostIp, request);
                forwards.Add(new PortForward(protocol, hostIp, port, containerIp, request.ContainerPort, network.BridgeName!));
                published.Add(new PublishedPort(request.Protocol, hostIp?.ToString() ?? "0.0.0.0", port, request.ContainerPort));
            }
        }
        catch (PortAllocationException e)
        {
            Unreserve(forwards);
            throw new NetworkException(500, $"driver failed programming external connectivity on endpoint {record.Name} ({endpoint.EndpointId}): {e.Message}");
        }
        lock (_gate) _forwards[record.Id] = forwards;
        try { ApplyFirewall(); }
        catch
        {
            lock (_gate) _forwards.Remove(record.Id);
            Unreserve(forwards);
            throw;
        }
        record.Ports = published;
    }

    private int Reserve(TransportProtocol protocol, Ipv4Address? hostIp, PortRequest request)
    {
        if (request.HostPortStart == 0) return _hostPorts.ReserveAny(protocol, hostIp);
        for (var port = request.HostPortStart; ; port++)
        {
            try
            {
                _hostPorts.Reserve(protocol, hostIp, port);
                return port;
            }
            catch (PortAllocationException) when (port < request.HostPortEnd) { }
        }
    }

    private void Unreserve(IEnumerable<PortForward> forwards)
    {
        foreach (var f in forwards) _hostPorts.Release(f.Protocol, f.HostIp, f.HostPort);
    }

    private void UnpublishPorts(ContainerRecord record)
    {
        List<PortForward>? forwards;
        lock (_gate) _forwards.Remove(record.Id, out forwards);
        record.Ports = null;
        if (forwards is null) return;
        Unreserve(forwards);
        ApplyFirewall();
    }

    // After a daemon restart: a running container's ports are its own again.
    private void RestorePorts(ContainerRecord record)
    {
        var (_, endpoint) = (record.Networks ?? []).FirstOrDefault(p => p.Value.IPAddress is not null);
        if (endpoint is null || record.Ports is not { Count: > 0 } ports) return;
        var network = Find(endpoint.NetworkId);
        var forwards = new List<PortForward>();
        foreach (var p in ports)
        {
            var protocol = TransportProtocols.Parse(p.Protocol);
            Ipv4Address? hostIp = p.HostIp == "0.0.0.0" ? null : Ipv4Address.Parse(p.HostIp);
            try { _hostPorts.Restore(protocol, hostIp, p.HostPort); }
            catch (PortAllocationException e) { _log($"container {record.Id}: port {p.HostPort}: {e.Message}"); continue; }
            forwards.Add(new PortForward(protocol, hostIp, p.HostPort, Ipv4Address.Parse(endpoint.IPAddress!), p.ContainerPort, network.BridgeName!));
        }
        lock (_gate) _forwards[record.Id] = forwards;
    }
}
