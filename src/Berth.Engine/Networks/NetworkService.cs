using Berth.Api.Models.Containers;
using Berth.Api.Models.Networks;
using Berth.Engine.Config;
using Berth.Engine.Containers;
using Berth.Engine.Events;
using Berth.Linux;
using Berth.Linux.Netlink;
using Berth.Network.Bridge;
using Berth.Network.Ipam;
using Berth.Runtime.Logs;

namespace Berth.Engine.Networks;

// The networks: dockerd's three built-ins (the default bridge, host and none) and user bridge networks. Records
// are on disk; addresses and endpoints live in memory and are rebuilt from the running containers at daemon start.
// One short lock guards the tables; netlink and firewall work happen outside it.
public sealed partial class NetworkService
{
    public const string EventType = "network";
    private const string DefaultBridgeName = "bridge";

    private readonly DaemonOptions _options;
    private readonly EventBus _events;
    private readonly Action<string> _log;
    private readonly NetworkStore _store;
    private readonly object _gate = new();
    private readonly Dictionary<string, NetworkRecord> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NetworkAddressAllocator> _addresses = new(StringComparer.Ordinal);
    // Running endpoints: network ID -> container ID -> what Network.Containers shows.
    private readonly Dictionary<string, Dictionary<string, AttachedEndpoint>> _attached = new(StringComparer.Ordinal);

    public NetworkService(DaemonOptions options, EventBus events, Action<string> log)
    {
        _options = options;
        _events = events;
        _log = log;
        _store = new NetworkStore(options.DataRoot);
    }

    // Set by the container service: connect and disconnect act on a container under its own lock.
    public Func<string, string, EndpointSettings?, Task>? ConnectContainer { get; set; }
    public Func<string, string, bool, Task>? DisconnectContainer { get; set; }

    private sealed record AttachedEndpoint(string ContainerName, ContainerEndpoint Endpoint, IReadOnlyList<string> DnsNames);

    // At daemon start: loads the networks, adds the built-ins, and makes sure every bridge device exists.
    public void Initialize()
    {
        var (records, problems) = _store.LoadAll();
        foreach (var p in problems) _log($"skipping {p}");
        lock (_gate)
        {
            foreach (var r in records) _byId[r.Id] = r;
        }
        EnsureBuiltIn("host", NetworkDrivers.Host);
        EnsureBuiltIn("none", NetworkDrivers.Null);
        if (_options.Bridge != "none") EnsureDefaultBridge();
        using var host = RouteNetlink.Open();
        foreach (var r in Snapshot().Where(r => r.Driver == NetworkDrivers.Bridge))
        {
            var (subnet, gateway) = AddressesOf(r);
            try
            {
                BridgeDevice.Ensure(host, r.BridgeName!, gateway, subnet, Mtu(r));
                EnableForwarding(r.BridgeName!);
            }
            catch (LinuxException e) { throw new NetworkException(500, $"bridge {r.BridgeName} of network {r.Name}: {e.Message}"); }
            lock (_gate) _addresses[r.Id] = NetworkAddressAllocator.Create(subnet, r.IpRange is { } range ? Ipv4Subnet.Parse(range) : null, gateway);
        }
    }

    // After the running containers are restored: the table holds every network and their published ports again.
    public void ApplyRestored() => ApplyFirewall();

    private void EnsureBuiltIn(string name, string driver)
    {
        if (Snapshot().Any(r => r.Name == name && r.Driver == driver)) return;
        var record = new NetworkRecord { Id = ContainerIds.New(), Name = name, Driver = driver, Created = GoTimestamp.Format(DateTime.UtcNow) };
        _store.Save(record);
        lock (_gate) _byId[record.Id] = record;
    }

    // The default bridge follows daemon.json: "bridge" names its device and "bip" fixes its gateway and subnet;
    // without "bip" it keeps the subnet chosen the first time.
    private void EnsureDefaultBridge()
    {
        var record = Snapshot().FirstOrDefault(r => r.IsDefaultBridge);
        Ipv4Subnet subnet;
        Ipv4Address gateway;
        if (_options.Bip is { } bip)
        {
            try { (gateway, subnet) = Ipv4Subnet.ParseInterface(bip); }
            catch (IpamException) { throw new NetworkException(400, $"invalid bip {bip}: it must be an address with a prefix length, like 10.64.0.1/16"); }
            lock (_gate)
            {
                var clash = _byId.Values.FirstOrDefault(r => !r.IsDefaultBridge && r.Subnet is { } s && Ipv4Subnet.Parse(s).Overlaps(subnet));
                if (clash is not null) throw new NetworkException(400, $"bip {bip} overlaps network {clash.Name} ({clash.Subnet})");
            }
        }
        else if (record?.Subnet is { } kept)
        {
            (subnet, gateway) = (Ipv4Subnet.Parse(kept), Ipv4Address.Parse(record.Gateway!));
        }
        else
        {
            subnet = ChooseSubnet();
            gateway = subnet.FirstHost;
        }
        record ??= new NetworkRecord { Id = ContainerIds.New(), Name = DefaultBridgeName, IsDefaultBridge = true, Created = GoTimestamp.Format(DateTime.UtcNow) };
        if (record.BridgeName is { } old && old != _options.Bridge)
        {
            using var host = RouteNetlink.Open();
            BridgeDevice.Remove(host, old);
        }
        record.BridgeName = _options.Bridge;
        record.Subnet = subnet.ToString();
        record.Gateway = gateway.ToString();
        record.Options = new Dictionary<string, string>
        {
            ["com.docker.network.bridge.default_bridge"] = "true",
            ["com.docker.network.bridge.enable_icc"] = "true",
            ["com.docker.network.bridge.enable_ip_masquerade"] = "true",
            ["com.docker.network.bridge.host_binding_ipv4"] = "0.0.0.0",
            ["com.docker.network.bridge.name"] = _options.Bridge,
            ["com.docker.network.driver.mtu"] = (_options.Mtu > 0 ? _options.Mtu : 1500).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        _store.Save(record);
        lock (_gate) _byId[record.Id] = record;
    }

    private List<NetworkRecord> Snapshot()
    {
        lock (_gate) return [.. _byId.Values];
    }

    private static (Ipv4Subnet Subnet, Ipv4Address Gateway) AddressesOf(NetworkRecord r) =>
        (Ipv4Subnet.Parse(r.Subnet!), Ipv4Address.Parse(r.Gateway!));

    private int Mtu(NetworkRecord r) =>
        r.Options.TryGetValue("com.docker.network.driver.mtu", out var text) && int.TryParse(text, out var mtu) ? mtu : _options.Mtu;

    // A subnet no network and no host route uses, from daemon.json's pools or Berth's defaults.
    private Ipv4Subnet ChooseSubnet()
    {
        var pools = _options.DefaultAddressPools.Count > 0
            ? _options.DefaultAddressPools.Select(p => AddressPool.Parse(p.Base, p.Size)).ToList()
            : DefaultAddressPools.Pools;
        List<Ipv4Subnet> routes;
        using (var host = RouteNetlink.Open())
        {
            routes = host.ListRoutes(table: null)
                .Where(r => r.Type == RouteType.Unicast)
                .Select(r => new Ipv4Subnet(Ipv4Address.FromBytes(r.Destination.GetAddressBytes()), r.PrefixLength))
                .ToList();
        }
        try { return SubnetChooser.Choose(pools, UsedSubnets(), routes); }
        catch (IpamException e) { throw new NetworkException(500, e.Message); }
    }

    private List<Ipv4Subnet> UsedSubnets()
    {
        lock (_gate) return _byId.Values.Where(r => r.Subnet is not null).Select(r => Ipv4Subnet.Parse(r.Subnet!)).ToList();
    }

    // A full ID, a name, or a unique ID prefix, in dockerd's order of preference.
    public NetworkRecord Find(string reference)
    {
        lock (_gate)
        {
            if (_byId.TryGetValue(reference, out var exact)) return exact;
            var named = _byId.Values.FirstOrDefault(r => r.Name == reference);
            if (named is not null) return named;
            var prefixed = string.IsNullOrEmpty(reference) ? [] : _byId.Values.Where(r => r.Id.StartsWith(reference, StringComparison.Ordinal)).Take(2).ToList();
            return prefixed.Count switch
            {
                1 => prefixed[0],
                0 => throw NetworkException.NotFound(reference),
                _ => throw new NetworkException(400, $"network {reference} is ambiguous ({prefixed.Count} matches found based on ID prefix)"),
            };
        }
    }

    private void Publish(NetworkRecord r, string action, string? container = null)
    {
        var attributes = new Dictionary<string, string> { ["name"] = r.Name, ["type"] = r.Driver };
        if (container is not null) attributes["container"] = container;
        _events.Publish(EventType, action, r.Id, attributes);
    }
}
