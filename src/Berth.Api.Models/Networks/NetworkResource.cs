using System.Text.Json.Serialization;
using Berth.Api.Models.Containers;

namespace Berth.Api.Models.Networks;

// GET /networks/{id}; one entry of GET /networks. Field order is dockerd's, which `docker network inspect` prints.
public sealed class NetworkResource
{
    public string Name { get; set; } = "";
    public string Id { get; set; } = "";
    public string Created { get; set; } = "";
    public string Scope { get; set; } = "local";
    public string Driver { get; set; } = "bridge";
    public bool EnableIPv4 { get; set; } = true;
    public bool EnableIPv6 { get; set; }
    public NetworkIpam IPAM { get; set; } = new();
    public bool Internal { get; set; }
    public bool Attachable { get; set; }
    public bool Ingress { get; set; }
    public NetworkConfigReference ConfigFrom { get; set; } = new();
    public bool ConfigOnly { get; set; }
    public Dictionary<string, NetworkContainer> Containers { get; set; } = [];
    public Dictionary<string, string> Options { get; set; } = [];
    public Dictionary<string, string> Labels { get; set; } = [];
}

public sealed class NetworkIpam
{
    public string Driver { get; set; } = "default";
    public Dictionary<string, string>? Options { get; set; }
    public List<IpamConfig> Config { get; set; } = [];
}

public sealed class IpamConfig
{
    public string? Subnet { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? IPRange { get; set; }
    public string? Gateway { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string>? AuxiliaryAddresses { get; set; }
}

public sealed class NetworkConfigReference
{
    public string Network { get; set; } = "";
}

// One attached container in Network.Containers.
public sealed class NetworkContainer
{
    public string Name { get; set; } = "";
    public string EndpointID { get; set; } = "";
    public string MacAddress { get; set; } = "";
    public string IPv4Address { get; set; } = "";
    public string IPv6Address { get; set; } = "";
}

// POST /networks/create.
public sealed class NetworkCreateRequest
{
    public string? Name { get; set; }
    public bool CheckDuplicate { get; set; }
    public string? Driver { get; set; }
    public string? Scope { get; set; }
    public bool Internal { get; set; }
    public bool Attachable { get; set; }
    public bool Ingress { get; set; }
    public bool ConfigOnly { get; set; }
    public NetworkConfigReference? ConfigFrom { get; set; }
    public NetworkIpam? IPAM { get; set; }
    public bool? EnableIPv4 { get; set; }
    public bool? EnableIPv6 { get; set; }
    public Dictionary<string, string>? Options { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
}

public sealed class NetworkCreateResponse
{
    public string Id { get; set; } = "";
    public string Warning { get; set; } = "";
}

// POST /networks/{id}/connect.
public sealed class NetworkConnectRequest
{
    public string? Container { get; set; }
    public EndpointSettings? EndpointConfig { get; set; }
}

// POST /networks/{id}/disconnect.
public sealed class NetworkDisconnectRequest
{
    public string? Container { get; set; }
    public bool Force { get; set; }
}

// POST /networks/prune.
public sealed class NetworkPruneResponse
{
    public List<string>? NetworksDeleted { get; set; }
}
