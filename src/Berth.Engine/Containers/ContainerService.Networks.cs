using Berth.Api.Models.Containers;
using Berth.Engine.Containers.Spec;
using Berth.Engine.Networks;
using Berth.Linux;

namespace Berth.Engine.Containers;

// A container's networking as the container service sees it: the networks it asks for at create, its namespace
// and endpoints from start to exit, connect and disconnect, and what inspect and ps show of it.
public sealed partial class ContainerService
{
    private Dictionary<string, ContainerEndpoint>? PlanNetworks(ContainerCreateRequest request, HostConfig hc, ContainerConfig config)
    {
        var kind = NetworkModes.Parse(hc.NetworkMode);
        if (kind == NetworkModes.Container)
        {
            // The container joined is looked up at start (a 404 here would make the docker CLI try to pull the image).
            if (hc.PortBindings is { Count: > 0 } || hc.PublishAllPorts)
                throw new ContainerException(400, "conflicting options: port publishing and the container type network mode");
            return null;
        }
        if (kind != NetworkModes.Network) return null;
        if (hc.NetworkMode is null or "" or "default") hc.NetworkMode = "bridge";
        try { return Networks.PlanEndpoints(hc.NetworkMode, null, request.NetworkingConfig?.EndpointsConfig, config.MacAddress); }
        catch (NetworkException e) { throw new ContainerException(e.Status, e.Message); }
    }

    // Before the shim starts: the namespace the container joins, and the files it sees, for its network mode.
    private SpecPaths PrepareNetworkLocked(Container c, SpecPaths paths)
    {
        var record = c.Record;
        var hostname = record.Config.Hostname ?? record.Id[..12];
        switch (NetworkModes.Parse(record.HostConfig.NetworkMode))
        {
            case NetworkModes.Container:
            {
                var other = Find(NetworkModes.JoinedContainer(record.HostConfig.NetworkMode!));
                if (!other.Record.IsRunning || other.Record.Pid <= 0)
                    throw ContainerException.Conflict($"cannot join network namespace of a non running container: {other.Id}");
                // As dockerd: the container shares the other's hosts and resolv.conf, as it shares its addresses.
                return paths with
                {
                    NetworkNamespace = other.Record.SandboxKey ?? $"/proc/{other.Record.Pid}/ns/net",
                    HostsPath = ContainerFiles.HostsPath(other.Dir),
                    ResolvConfPath = ContainerFiles.ResolvConfPath(other.Dir),
                };
            }
            case NetworkModes.Network:
                try
                {
                    // A container created before Berth had networks joins its mode's network now.
                    record.Networks ??= Networks.PlanEndpoints(record.HostConfig.NetworkMode ?? "", null, null, record.Config.MacAddress);
                    Networks.CreateSandbox(record, hostname);
                    var addresses = (record.Networks ?? []).Values.Select(e => e.IPAddress!).ToList();
                    ContainerFiles.WriteNetworked(c.Dir, hostname, record.HostConfig, addresses, Networks.NeedsEmbeddedDns(record));
                }
                catch (NetworkException e)
                {
                    Networks.RemoveSandbox(record);
                    throw new ContainerException(e.Status, e.Message);
                }
                return paths with { NetworkNamespace = record.SandboxKey };
            default:
                return paths;
        }
    }

    private void ReleaseNetworkLocked(Container c)
    {
        try { Networks.RemoveSandbox(c.Record); }
        catch (Exception e) when (e is LinuxException or IOException) { _log($"container {c.Id}: network teardown: {e.Message}"); }
    }

    private async Task ConnectAsync(string reference, string networkId, EndpointSettings? settings)
    {
        var c = FindForNetwork(reference);
        await c.Lock.WaitAsync();
        try
        {
            var record = c.Record;
            if (NetworkModes.Parse(record.HostConfig.NetworkMode) != NetworkModes.Network)
                throw new NetworkException(400, "container sharing network namespace with another container or host cannot be connected to any other network");
            var network = Networks.Find(networkId);
            if ((record.Networks ?? []).Values.Any(e => e.NetworkId == network.Id))
                throw new NetworkException(403, $"endpoint with name {record.Name} already exists in network {network.Name}");
            var endpoint = Networks.PlanEndpoints(network.Name, null, new Dictionary<string, EndpointSettings> { [network.Name] = settings ?? new EndpointSettings() }, null)[network.Name];
            (record.Networks ??= new(StringComparer.Ordinal))[network.Name] = endpoint;
            try
            {
                if (record.IsRunning && record.SandboxKey is not null)
                    Networks.JoinRunning(record, record.Config.Hostname ?? record.Id[..12], network.Name, endpoint);
            }
            catch
            {
                record.Networks.Remove(network.Name);
                throw;
            }
            _store.Save(record);
        }
        finally
        {
            c.Lock.Release();
        }
    }

    private async Task DisconnectAsync(string reference, string networkId, bool force)
    {
        var c = FindForNetwork(reference);
        await c.Lock.WaitAsync();
        try
        {
            var record = c.Record;
            var network = Networks.Find(networkId);
            var name = (record.Networks ?? []).FirstOrDefault(p => p.Value.NetworkId == network.Id).Key
                ?? throw new NetworkException(403, $"container {c.Id} is not connected to network {network.Name}");
            var endpoint = record.Networks![name];
            if (record.IsRunning) Networks.LeaveRunning(record, endpoint);
            record.Networks.Remove(name);
            _store.Save(record);
        }
        finally
        {
            c.Lock.Release();
        }
    }

    private Container FindForNetwork(string reference)
    {
        try { return Find(reference); }
        catch (ContainerException e) { throw new NetworkException(e.Status, e.Message); }
    }

    private NetworkSettings NetworkSettingsOf(ContainerRecord r)
    {
        var settings = new NetworkSettings
        {
            Bridge = "",
            SandboxID = r.SandboxKey is null ? "" : r.Id,
            SandboxKey = r.SandboxKey ?? "",
            Ports = PortsOf(r),
            Networks = EndpointsOf(r),
        };
        var bridge = (r.Networks ?? []).Values.FirstOrDefault(e => e.IPAddress is not null && Networks.Find(e.NetworkId).IsDefaultBridge);
        if (bridge is not null)
        {
            settings.EndpointID = bridge.EndpointId ?? "";
            settings.Gateway = bridge.Gateway ?? "";
            settings.IPAddress = bridge.IPAddress ?? "";
            settings.IPPrefixLen = bridge.PrefixLength;
            settings.MacAddress = bridge.MacAddress ?? "";
        }
        return settings;
    }

    // Per network as inspect and ps show it; a mode without networks (host, none, container:) shows its name.
    private Dictionary<string, EndpointSettings> EndpointsOf(ContainerRecord r)
    {
        var result = new Dictionary<string, EndpointSettings>(StringComparer.Ordinal);
        if (r.Networks is not { Count: > 0 })
        {
            var mode = r.HostConfig.NetworkMode is null or "" or "default" ? "none" : r.HostConfig.NetworkMode;
            string id = "";
            try { if (NetworkModes.Parse(mode) is NetworkModes.Host or NetworkModes.None) id = Networks.Find(mode).Id; }
            catch (NetworkException) { }
            result[mode] = new EndpointSettings { NetworkID = id, EndpointID = "", Gateway = "", IPAddress = "", IPv6Gateway = "", GlobalIPv6Address = "", MacAddress = "" };
            return result;
        }
        foreach (var (name, e) in r.Networks)
        {
            result[name] = new EndpointSettings
            {
                IPAMConfig = e.RequestedIp is null ? null : new EndpointIpamConfig { IPv4Address = e.RequestedIp },
                Aliases = e.Aliases,
                MacAddress = e.MacAddress ?? "",
                NetworkID = e.NetworkId,
                EndpointID = e.EndpointId ?? "",
                Gateway = e.Gateway ?? "",
                IPAddress = e.IPAddress ?? "",
                IPPrefixLen = e.PrefixLength,
                IPv6Gateway = "",
                GlobalIPv6Address = "",
                DNSNames = e.IPAddress is null || Networks.Find(e.NetworkId).IsDefaultBridge ? null
                    : [r.Name, r.Id[..12], .. e.Aliases ?? []],
            };
        }
        return result;
    }

    // "80/tcp": its host bindings while running, null for a port that is only exposed.
    private static Dictionary<string, List<PortBinding>?> PortsOf(ContainerRecord r)
    {
        var ports = new Dictionary<string, List<PortBinding>?>(StringComparer.Ordinal);
        if (r.Networks is not { Count: > 0 } || !r.IsRunning) return ports;
        foreach (var key in (IEnumerable<string>?)r.Config.ExposedPorts?.Keys ?? []) ports[key] = null;
        foreach (var p in r.Ports ?? [])
        {
            var key = $"{p.ContainerPort}/{p.Protocol}";
            (ports[key] ??= []).Add(new PortBinding { HostIp = p.HostIp, HostPort = p.HostPort.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }
        return ports;
    }

    private static List<Port> SummaryPortsOf(ContainerRecord r)
    {
        var list = new List<Port>();
        foreach (var (key, bindings) in PortsOf(r))
        {
            var slash = key.IndexOf('/');
            var port = ushort.Parse(key.AsSpan(0, slash), System.Globalization.CultureInfo.InvariantCulture);
            var proto = key[(slash + 1)..];
            if (bindings is null) list.Add(new Port { PrivatePort = port, Type = proto });
            else foreach (var b in bindings)
                list.Add(new Port { IP = b.HostIp, PrivatePort = port, PublicPort = ushort.Parse(b.HostPort!, System.Globalization.CultureInfo.InvariantCulture), Type = proto });
        }
        return list;
    }
}
