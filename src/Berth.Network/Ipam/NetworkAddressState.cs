using System.Text.Json.Serialization;

namespace Berth.Network.Ipam;

// What a network's allocator persists, in readable dotted form; Allocated includes the gateway.
public sealed record NetworkAddressState(
    string Subnet, string? IpRange, string Gateway, List<string> Allocated, string? LastAllocated);

// daemon.json's default-address-pools entry: {"base": "10.64.0.0/12", "size": 16}.
public sealed record AddressPoolSetting(
    [property: JsonPropertyName("base")] string Base,
    [property: JsonPropertyName("size")] int Size)
{
    public AddressPool ToPool() => AddressPool.Parse(Base, Size);
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(NetworkAddressState))]
[JsonSerializable(typeof(List<AddressPoolSetting>))]
public sealed partial class IpamJsonContext : JsonSerializerContext;
