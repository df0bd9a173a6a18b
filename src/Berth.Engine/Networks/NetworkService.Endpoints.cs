using System.Security.Cryptography;
using Berth.Api.Models.Containers;
using Berth.Engine.Containers;
using Berth.Linux;
using Berth.Linux.Native;
using Berth.Linux.Netlink;
using Berth.Network.Bridge;
using Berth.Network.Ipam;
using Berth.Network.Sandbox;

namespace Berth.Engine.Networks;

// A container's endpoints: made when it starts (a namespace of its own, then one veth per network, the first
// with the default route), added and removed while it runs (connect, disconnect), and taken down when it stops.
public sealed partial class NetworkService
{
    public string SandboxPathOf(string containerId) => Path.Combine(_options.ExecRoot, "netns", containerId);

    // The endpoints a new container asks for: its network mode's network first, then any other the request names.
    public Dictionary<string, ContainerEndpoint> PlanEndpoints(string networkMode, EndpointSettings? legacy, IReadOnlyDictionary<string, EndpointSettings>? requested, string? macAddress)
    {
        var plan = new Dictionary<string, ContainerEndpoint>(StringComparer.Ordinal);
        var first = NetworkModes.NetworkName(networkMode);
        var names = new List<string> { first };
        names.AddRange((requested?.Keys ?? []).Where(n => n != first && !(first == DefaultBridgeName && n == "default")));
        foreach (var name in names)
        {
            NetworkRecord record;
            try { record = Find(name); }
            catch (NetworkException e) when (e.Status == 404)
            {
                // As dockerd: a network that does not exist (yet) fails the start, not the create.
                plan[name] = new ContainerEndpoint { NetworkId = "" };
                continue;
            }
            if (record.Driver != NetworkDrivers.Bridge)
                throw new NetworkException(400, $"container cannot be connected to network {name} and to other networks (host and none are exclusive)");
            var settings = requested?.GetValueOrDefault(name) ?? (name == first ? requested?.GetValueOrDefault("default") ?? legacy : null);
            plan[record.Name] = EndpointFor(record, settings, name == first ? macAddress : null);
        }
        return plan;
    }

    private static ContainerEndpoint EndpointFor(NetworkRecord record, EndpointSettings? settings, string? macAddress)
    {
        var ip = settings?.IPAMConfig?.IPv4Address is { Length: > 0 } wanted ? wanted : null;
        if (settings?.IPAMConfig?.IPv6Address is { Length: > 0 }) throw new NetworkException(400, "IPv6 addresses (--ip6) are not supported yet");
        if (settings?.Links is { Count: > 0 }) throw new NetworkException(400, "--link is not supported yet");
        var aliases = settings?.Aliases is { Count: > 0 } a ? a.ToList() : null;
        if (record.IsDefaultBridge && aliases is not null)
            throw new NetworkException(400, "network-scoped alias is supported only for containers in user defined networks");
        if (ip is not null)
        {
            if (record.IsDefaultBridge)
                throw new NetworkException(400, "user specified IP address is supported on user defined networks only");
            if (!Ipv4Address.TryParse(ip, out var address)) throw new NetworkException(400, $"invalid IPv4 address: {ip}");
            var subnet = Ipv4Subnet.Parse(record.Subnet!);
            if (!subnet.Contains(address)) throw new NetworkException(400, $"no configured subnet or ip-range contain the IP address {ip}");
        }
        var mac = settings?.MacAddress is { Length: > 0 } m ? m : macAddress is { Length: > 0 } legacyMac ? legacyMac : null;
        if (mac is not null)
        {
            try { MacAddresses.Parse(mac); }
            catch (IpamException e) { throw new NetworkException(400, e.Message); }
        }
        return new ContainerEndpoint { NetworkId = record.Id, Aliases = aliases, RequestedIp = ip, RequestedMac = mac };
    }

    // Makes the container's namespace and its endpoints; on failure nothing of it is left.
    public void CreateSandbox(ContainerRecord record, string hostname)
    {
        var path = SandboxPathOf(record.Id);
        NetworkSandbox.Remove(path);
        var fd = NetworkSandbox.Create(path, loopbackUp: record.Networks is not { Count: > 0 });
        record.SandboxKey = path;
        try
        {
            using var host = RouteNetlink.Open();
            var index = 0;
            var routed = false;
            foreach (var (name, endpoint) in record.Networks ?? [])
                routed |= Join(host, fd, record, hostname, name, endpoint, index++, wantRoute: !routed);
            PublishPorts(record);
            ServeDns(record);
        }
        catch
        {
            RemoveSandbox(record);
            throw;
        }
        finally
        {
            Fd.Close(fd);
        }
    }

    // Returns whether this endpoint gave the default route: the first network that is not --internal does, as an
    // internal network has no way out.
    private bool Join(RouteNetlink host, int netnsFd, ContainerRecord record, string hostname, string name, ContainerEndpoint endpoint, int index, bool wantRoute)
    {
        NetworkRecord network;
        try { network = Find(endpoint.NetworkId.Length > 0 ? endpoint.NetworkId : name); }
        catch (NetworkException e) when (e.Status == 404)
        {
            throw new NetworkException(404, $"failed to set up container networking: network {name} not found");
        }
        endpoint.NetworkId = network.Id;
        var (subnet, gateway) = AddressesOf(network);
        Ipv4Address address;
        lock (_gate)
        {
            var allocator = _addresses[network.Id];
            try
            {
                address = endpoint.RequestedIp is { } wanted ? allocator.Allocate(Ipv4Address.Parse(wanted)) : allocator.AllocateNext();
            }
            catch (IpamException e)
            {
                throw new NetworkException(e.Kind == IpamErrorKind.Conflict ? 409 : 400, e.Kind == IpamErrorKind.Conflict ? $"Address already in use: {endpoint.RequestedIp}" : e.Message);
            }
        }
        var mac = endpoint.RequestedMac is { } m ? MacAddresses.Parse(m) : MacAddresses.FromIpv4(address);
        var plan = new EndpointPlan("veth" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))[..7], "eth" + index,
            address, subnet, gateway, mac, DefaultRoute: wantRoute && !network.Internal, Mtu(network));
        try
        {
            var bridgeIndex = host.GetLink(network.BridgeName!)?.Index
                ?? throw new NetworkException(500, $"the bridge {network.BridgeName} of network {network.Name} is missing");
            VethEndpoint.Attach(host, bridgeIndex, netnsFd, plan);
        }
        catch (Exception e) when (e is LinuxException or NetworkException)
        {
            lock (_gate) _addresses[network.Id].Release(address);
            throw e as NetworkException ?? new NetworkException(500, $"failed to set up container networking: {e.Message}");
        }
        endpoint.EndpointId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        endpoint.IPAddress = address.ToString();
        endpoint.PrefixLength = subnet.PrefixLength;
        endpoint.Gateway = gateway.ToString();
        endpoint.MacAddress = MacAddresses.Format(mac);
        endpoint.HostVeth = plan.HostVeth;
        endpoint.InterfaceName = plan.InterfaceName;
        Track(network, record, hostname, endpoint);
        Publish(network, "connect", record.Id);
        return plan.DefaultRoute;
    }

    private void Track(NetworkRecord network, ContainerRecord record, string hostname, ContainerEndpoint endpoint)
    {
        var names = new List<string> { record.Name, record.Id[..12] };
        if (!string.IsNullOrEmpty(hostname) && hostname != record.Id[..12]) names.Add(hostname);
        names.AddRange(endpoint.Aliases ?? []);
        lock (_gate)
        {
            if (!_attached.TryGetValue(network.Id, out var eps)) _attached[network.Id] = eps = new(StringComparer.Ordinal);
            eps[record.Id] = new AttachedEndpoint(record.Name, endpoint, names);
        }
    }

    // Takes down what CreateSandbox and Connect made; safe to call for a container that has none of it. The veths
    // are not deleted one by one (each delete waits ~25 ms for an RCU grace period): once its namespace is unpinned
    // the kernel destroys it, and with it every pair, in the background. Addresses are handed out round-robin, so
    // one is not reused while its old pair may still linger.
    public void RemoveSandbox(ContainerRecord record)
    {
        StopDns(record.Id);
        try { UnpublishPorts(record); }
        catch (NetworkException e) { _log($"container {record.Id}: unpublish ports: {e.Message}"); }
        if (record.SandboxKey is { } path)
        {
            try { NetworkSandbox.Remove(path); }
            catch (Exception e) when (e is IOException or LinuxException) { _log($"remove network namespace {path}: {e.Message}"); }
            record.SandboxKey = null;
        }
        foreach (var endpoint in (record.Networks ?? []).Values.Where(e => e.HostVeth is not null))
            Forget(record, endpoint);
    }

    // disconnect on a running container: its namespace stays, so the pair goes now.
    private void Leave(RouteNetlink host, ContainerRecord record, ContainerEndpoint endpoint)
    {
        try { VethEndpoint.Detach(host, endpoint.HostVeth!); }
        catch (LinuxException e) { _log($"container {record.Id}: remove {endpoint.HostVeth}: {e.Message}"); }
        Forget(record, endpoint);
    }

    private void Forget(ContainerRecord record, ContainerEndpoint endpoint)
    {
        NetworkRecord? network = null;
        lock (_gate)
        {
            if (_addresses.TryGetValue(endpoint.NetworkId, out var allocator) && endpoint.IPAddress is { } ip)
                allocator.Release(Ipv4Address.Parse(ip));
            if (_attached.TryGetValue(endpoint.NetworkId, out var eps)) eps.Remove(record.Id);
            _byId.TryGetValue(endpoint.NetworkId, out network);
        }
        endpoint.ClearRuntime();
        if (network is not null) Publish(network, "disconnect", record.Id);
    }

    // After a daemon restart: a running container's addresses are taken again, as they are in use.
    public void Restore(ContainerRecord record, string hostname)
    {
        foreach (var endpoint in (record.Networks ?? []).Values.Where(e => e.IPAddress is not null))
        {
            NetworkRecord network;
            try { network = Find(endpoint.NetworkId); }
            catch (NetworkException) { continue; }
            lock (_gate)
            {
                try { _addresses[network.Id].Allocate(Ipv4Address.Parse(endpoint.IPAddress!)); }
                catch (IpamException e) { _log($"container {record.Id}: address {endpoint.IPAddress}: {e.Message}"); }
            }
            Track(network, record, hostname, endpoint);
        }
        RestorePorts(record);
        if (record.SandboxKey is null || !File.Exists(record.SandboxKey)) return;
        // One container's DNS must not keep the daemon from starting.
        try { ServeDns(record); }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or LinuxException)
        {
            _log($"container {record.Id}: embedded DNS: {e.Message}");
        }
    }

    // connect on a running container: the next free ethN in its namespace.
    public void JoinRunning(ContainerRecord record, string hostname, string name, ContainerEndpoint endpoint)
    {
        var fd = NetworkSandbox.Open(record.SandboxKey!);
        try
        {
            using var host = RouteNetlink.Open();
            var used = (record.Networks ?? []).Values.Select(e => e.InterfaceName).ToHashSet();
            var index = 0;
            while (used.Contains("eth" + index)) index++;
            bool routed;
            lock (_gate) routed = (record.Networks ?? []).Values.Any(e => e != endpoint && e.IPAddress is not null && _byId.TryGetValue(e.NetworkId, out var n) && !n.Internal);
            Join(host, fd, record, hostname, name, endpoint, index, wantRoute: !routed);
            lock (_gate) if (_dnsHandles.ContainsKey(record.Id)) return;
            ServeDns(record);
        }
        finally
        {
            Fd.Close(fd);
        }
    }

    public void LeaveRunning(ContainerRecord record, ContainerEndpoint endpoint)
    {
        using var host = RouteNetlink.Open();
        if (endpoint.HostVeth is not null) Leave(host, record, endpoint);
    }
}
