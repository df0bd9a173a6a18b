using Berth.Api.Models.Containers;
using Berth.Api.Models.Networks;
using Berth.Engine.Containers;
using Berth.Linux;
using Berth.Linux.Netlink;
using Berth.Network.Bridge;
using Berth.Network.Ipam;
using Berth.Runtime.Logs;

namespace Berth.Engine.Networks;

// What the /networks endpoints do: create, list, inspect, remove, prune, connect and disconnect.
public sealed partial class NetworkService
{
    private const string BridgeNameOption = "com.docker.network.bridge.name";
    private const string MtuOption = "com.docker.network.driver.mtu";

    // One create at a time: two networks choosing a free subnet at once would otherwise choose the same one.
    private readonly object _createGate = new();

    public NetworkCreateResponse Create(NetworkCreateRequest request)
    {
        lock (_createGate) return CreateOne(request);
    }

    private NetworkCreateResponse CreateOne(NetworkCreateRequest request)
    {
        var name = request.Name ?? "";
        if (name.Length == 0) throw new NetworkException(400, "network name cannot be empty");
        var driver = string.IsNullOrEmpty(request.Driver) ? NetworkDrivers.Bridge : request.Driver;
        if (driver is NetworkDrivers.Host or NetworkDrivers.Null)
            throw new NetworkException(403, $"only one instance of \"{driver}\" network is allowed");
        if (driver != NetworkDrivers.Bridge) throw new NetworkException(400, $"network driver \"{driver}\" is not supported yet");
        if (request.EnableIPv6 == true) throw new NetworkException(400, "IPv6 networks are not supported yet");
        if (request.Ingress || request.ConfigOnly || !string.IsNullOrEmpty(request.ConfigFrom?.Network))
            throw new NetworkException(400, "ingress and config-only networks are not supported yet");
        if (request.IPAM?.Driver is { Length: > 0 } ipamDriver && ipamDriver != "default")
            throw new NetworkException(400, $"IPAM driver \"{ipamDriver}\" is not supported yet");
        var options = request.Options ?? [];
        foreach (var key in options.Keys.Where(k => k is not (BridgeNameOption or MtuOption)))
            throw new NetworkException(400, $"network option {key} is not supported yet");
        var configs = request.IPAM?.Config ?? [];
        if (configs.Count > 1) throw new NetworkException(400, "more than one IPv4 subnet is not supported yet");

        var id = ContainerIds.New();
        var bridge = options.TryGetValue(BridgeNameOption, out var wantedBridge) ? wantedBridge : "br-" + id[..12];
        if (bridge.Length is 0 or > 15 || bridge.Any(c => c is '/' or ' ' or ':'))
            throw new NetworkException(400, $"invalid bridge name {bridge}");
        using (var host = RouteNetlink.Open())
        {
            if (BridgeDevice.Exists(host, bridge)) throw new NetworkException(409, $"bridge name {bridge} is already in use on the host");
        }
        var (subnet, ipRange, gateway) = PlanAddresses(configs.FirstOrDefault());
        var record = new NetworkRecord
        {
            Id = id,
            Name = name,
            Driver = driver,
            Created = GoTimestamp.Format(DateTime.UtcNow),
            Subnet = subnet.ToString(),
            Gateway = gateway.ToString(),
            IpRange = ipRange?.ToString(),
            Internal = request.Internal,
            Attachable = request.Attachable,
            Labels = request.Labels ?? [],
            Options = options,
            BridgeName = bridge,
        };
        NetworkAddressAllocator allocator;
        try { allocator = NetworkAddressAllocator.Create(subnet, ipRange, gateway); }
        catch (IpamException e) { throw new NetworkException(400, e.Message); }
        lock (_gate)
        {
            if (_byId.Values.Any(r => r.Name == name)) throw new NetworkException(409, $"network with name {name} already exists");
            if (_byId.Values.Any(r => r.BridgeName == bridge)) throw new NetworkException(409, $"bridge name {bridge} is used by another network");
            if (configs.Count > 0)
            {
                try { SubnetChooser.CheckRequested(subnet, _byId.Values.Where(r => r.Subnet is not null).Select(r => Ipv4Subnet.Parse(r.Subnet!))); }
                catch (IpamException e) { throw new NetworkException(403, e.Message); }
            }
            _byId[id] = record;
            _addresses[id] = allocator;
        }
        try
        {
            using (var host = RouteNetlink.Open()) BridgeDevice.Ensure(host, bridge, gateway, subnet, Mtu(record));
            EnableForwarding(bridge);
            _store.Save(record);
            ApplyFirewall();
        }
        catch (Exception e) when (e is LinuxException or IOException or NetworkException)
        {
            Forget(record);
            throw e as NetworkException ?? new NetworkException(500, $"create network {name}: {e.Message}");
        }
        Publish(record, "create");
        return new NetworkCreateResponse { Id = id, Warning = "" };
    }

    private (Ipv4Subnet Subnet, Ipv4Subnet? IpRange, Ipv4Address Gateway) PlanAddresses(IpamConfig? config)
    {
        if (config is null || string.IsNullOrEmpty(config.Subnet))
        {
            if (!string.IsNullOrEmpty(config?.Gateway) || !string.IsNullOrEmpty(config?.IPRange))
                throw new NetworkException(400, "a gateway or ip-range needs a subnet (--subnet)");
            var chosen = ChooseSubnet();
            return (chosen, null, chosen.FirstHost);
        }
        var subnet = ParseSubnet(config.Subnet, "subnet");
        if (subnet.Network.Value != (Ipv4Address.Parse(config.Subnet.Split('/')[0]).Value))
            throw new NetworkException(400, $"invalid subnet {config.Subnet}: it has host bits set (the network is {subnet})");
        var range = string.IsNullOrEmpty(config.IPRange) ? (Ipv4Subnet?)null : ParseSubnet(config.IPRange, "ip-range");
        Ipv4Address gateway = subnet.FirstHost;
        if (!string.IsNullOrEmpty(config.Gateway) && !Ipv4Address.TryParse(config.Gateway, out gateway))
            throw new NetworkException(400, $"invalid gateway {config.Gateway}: not an IPv4 address");
        if (!subnet.Contains(gateway)) throw new NetworkException(400, $"invalid gateway {gateway}: it is not within subnet {subnet}");
        if (range is { } r && !subnet.Contains(r)) throw new NetworkException(400, $"invalid ip-range {r}: it is not within subnet {subnet}");
        return (subnet, range, gateway);
    }

    private static Ipv4Subnet ParseSubnet(string text, string what)
    {
        try
        {
            return Ipv4Subnet.ParseInterface(text).Subnet;
        }
        catch (IpamException)
        {
            throw new NetworkException(400, $"invalid {what} {text}: it must be an IPv4 CIDR like 10.1.0.0/16 (IPv6 is not supported yet)");
        }
    }

    private void Forget(NetworkRecord record)
    {
        lock (_gate)
        {
            _byId.Remove(record.Id);
            _addresses.Remove(record.Id);
        }
        try
        {
            using var host = RouteNetlink.Open();
            BridgeDevice.Remove(host, record.BridgeName!);
        }
        catch (LinuxException e) { _log($"remove bridge {record.BridgeName}: {e.Message}"); }
    }

    public List<NetworkResource> List(IReadOnlyDictionary<string, IReadOnlyList<string>> filters)
    {
        var filter = NetworkFilter.ForList(filters);
        return Snapshot().Where(r => filter.Matches(r, HasEndpoints(r.Id))).Select(ToApi).ToList();
    }

    public NetworkResource Inspect(string idOrName) => ToApi(Find(idOrName));

    public void Remove(string idOrName)
    {
        var record = Find(idOrName);
        if (record.IsBuiltIn) throw new NetworkException(403, $"{record.Name} is a pre-defined network and cannot be removed");
        lock (_gate)
        {
            if (HasEndpoints(record.Id))
                throw new NetworkException(403, $"error while removing network: network {record.Name} id {record.Id} has active endpoints");
            _byId.Remove(record.Id);
            _addresses.Remove(record.Id);
        }
        _store.Delete(record.Id);
        Forget(record);
        ApplyFirewall();
        Publish(record, "destroy");
    }

    public NetworkPruneResponse Prune(IReadOnlyDictionary<string, IReadOnlyList<string>> filters)
    {
        var filter = NetworkFilter.ForPrune(filters);
        var deleted = new List<string>();
        foreach (var r in Snapshot().Where(r => !r.IsBuiltIn && filter.Matches(r, HasEndpoints(r.Id))).OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            try
            {
                Remove(r.Id);
                deleted.Add(r.Name);
            }
            catch (NetworkException e) when (e.Status is 403 or 404) { }
        }
        return new NetworkPruneResponse { NetworksDeleted = deleted };
    }

    public Task Connect(string idOrName, string container, EndpointSettings? endpoint)
    {
        var record = Find(idOrName);
        if (record.Driver != NetworkDrivers.Bridge)
            throw new NetworkException(403, $"container cannot be disconnected from host network or connected to host network");
        return (ConnectContainer ?? throw new NetworkException(500, "no container service"))(container, record.Id, endpoint);
    }

    public Task Disconnect(string idOrName, string container, bool force)
    {
        var record = Find(idOrName);
        return (DisconnectContainer ?? throw new NetworkException(500, "no container service"))(container, record.Id, force);
    }

    private bool HasEndpoints(string networkId)
    {
        lock (_gate) return _attached.TryGetValue(networkId, out var eps) && eps.Count > 0;
    }

    private NetworkResource ToApi(NetworkRecord r)
    {
        var containers = new Dictionary<string, NetworkContainer>(StringComparer.Ordinal);
        lock (_gate)
        {
            if (_attached.TryGetValue(r.Id, out var eps))
                foreach (var (id, a) in eps)
                    containers[id] = new NetworkContainer
                    {
                        Name = a.ContainerName,
                        EndpointID = a.Endpoint.EndpointId ?? "",
                        MacAddress = a.Endpoint.MacAddress ?? "",
                        IPv4Address = a.Endpoint.IPAddress is { } ip ? $"{ip}/{a.Endpoint.PrefixLength}" : "",
                        IPv6Address = "",
                    };
        }
        var ipam = new NetworkIpam { Driver = "default", Options = r.IsBuiltIn ? null : [] };
        if (r.Subnet is not null) ipam.Config.Add(new IpamConfig { Subnet = r.Subnet, IPRange = r.IpRange, Gateway = r.Gateway });
        return new NetworkResource
        {
            Name = r.Name,
            Id = r.Id,
            Created = r.Created,
            Driver = r.Driver,
            IPAM = ipam,
            Internal = r.Internal,
            Attachable = r.Attachable,
            Containers = containers,
            Options = r.Options,
            Labels = r.Labels,
        };
    }
}
