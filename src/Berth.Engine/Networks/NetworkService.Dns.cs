using System.Net;
using Berth.Engine.Containers;
using Berth.Network.Dns;

namespace Berth.Engine.Networks;

// Docker's embedded DNS for containers on user networks: names, IDs, hostnames and aliases of the containers that
// share a user network with the asker answer from here; everything else goes to the host's resolvers (or --dns).
public sealed partial class NetworkService
{
    private EmbeddedDnsServer? _dns;
    private readonly Dictionary<string, IDisposable> _dnsHandles = new(StringComparer.Ordinal);

    private EmbeddedDnsServer Dns
    {
        get
        {
            lock (_gate) return _dns ??= new EmbeddedDnsServer(ResolvConf.ReadNameservers(), new EmbeddedDnsOptions { Log = _log });
        }
    }

    public bool NeedsEmbeddedDns(ContainerRecord record)
    {
        lock (_gate) return (record.Networks ?? []).Values.Any(e => _byId.TryGetValue(e.NetworkId, out var n) && !n.IsDefaultBridge);
    }

    private void ServeDns(ContainerRecord record)
    {
        if (record.SandboxKey is null || !NeedsEmbeddedDns(record)) return;
        List<IPEndPoint>? upstreams = null;
        if (record.HostConfig.Dns is { Count: > 0 } servers)
            upstreams = servers.Select(s => IPAddress.TryParse(s, out var ip) ? new IPEndPoint(ip, 53) : null).OfType<IPEndPoint>().ToList();
        var handle = Dns.Serve(record.SandboxKey, new ContainerDnsScope(this, record.Id), upstreams);
        lock (_gate)
        {
            if (_dnsHandles.Remove(record.Id, out var old)) old.Dispose();
            _dnsHandles[record.Id] = handle;
        }
    }

    private void StopDns(string containerId)
    {
        IDisposable? handle;
        lock (_gate) _dnsHandles.Remove(containerId, out handle);
        handle?.Dispose();
    }

    // The user networks the container is on now, and what they hold.
    private sealed class ContainerDnsScope(NetworkService owner, string containerId) : IDnsScope
    {
        public IReadOnlyList<IPAddress> Lookup(string name)
        {
            var found = new List<IPAddress>();
            foreach (var endpoint in owner.Neighbours(containerId))
            {
                if (endpoint.DnsNames.Any(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase))
                    && endpoint.Endpoint.IPAddress is { } ip && IPAddress.TryParse(ip, out var address) && !found.Contains(address))
                    found.Add(address);
            }
            return found;
        }

        public string? ReverseLookup(IPAddress address)
        {
            var text = address.ToString();
            return owner.Neighbours(containerId).FirstOrDefault(e => e.Endpoint.IPAddress == text)?.ContainerName;
        }
    }

    private List<AttachedEndpoint> Neighbours(string containerId)
    {
        lock (_gate)
        {
            var result = new List<AttachedEndpoint>();
            foreach (var (networkId, endpoints) in _attached)
            {
                if (!endpoints.ContainsKey(containerId) || !_byId.TryGetValue(networkId, out var n) || n.IsDefaultBridge) continue;
                result.AddRange(endpoints.Values);
            }
            return result;
        }
    }
}
