namespace Berth.Network.Ipam;

// One entry of daemon.json's default-address-pools: Base is cut into subnets of prefix length Size
// (base 10.64.0.0/12, size 16 gives 10.64.0.0/16, 10.65.0.0/16, ... 10.79.0.0/16).
public sealed record AddressPool
{
    public Ipv4Subnet Base { get; }
    public int Size { get; }

    public AddressPool(Ipv4Subnet @base, int size)
    {
        if (size < @base.PrefixLength || size > 32)
            throw new IpamException(IpamErrorKind.InvalidArgument,
                $"invalid address pool {@base} size {size}: the size must be between {@base.PrefixLength} and 32");
        Base = @base;
        Size = size;
    }

    public static AddressPool Parse(string baseCidr, int size) => new(Ipv4Subnet.Parse(baseCidr), size);

    public ulong SubnetCount => 1UL << (Size - Base.PrefixLength);

    public override string ToString() => $"{Base} size {Size}";
}

// Berth's defaults. Docker uses 172.17.0.0/16 for docker0, 172.17-31.0.0/16 and 192.168.0.0/16 in /20s for
// networks; Podman 10.88.0.0/16 for its default network and 10.89.0.0 up to 10.255.255.255 in /24s for others;
// Kubernetes distributions commonly take 10.96.0.0/12 (services), 10.42-43.0.0/16 (k3s) and 10.244.0.0/16 (flannel).
// The block 10.64.0.0-10.87.255.255 touches none of them, so Berth, Docker and Podman can run side by side:
// 10.64.0.0/12 in /16s (the default bridge gets the first free one, 10.64.0.0/16 on a typical host) and
// 10.80.0.0/13 in /20s for many smaller networks. Subnets overlapping a host route are skipped anyway.
public static class DefaultAddressPools
{
    public static readonly IReadOnlyList<AddressPool> Pools =
    [
        AddressPool.Parse("10.64.0.0/12", 16),
        AddressPool.Parse("10.80.0.0/13", 20),
    ];
}
