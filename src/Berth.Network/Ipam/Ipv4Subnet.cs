namespace Berth.Network.Ipam;

// An IPv4 subnet in CIDR form; Network has no host bits set.
public readonly record struct Ipv4Subnet
{
    public Ipv4Address Network { get; }
    public int PrefixLength { get; }

    public Ipv4Subnet(Ipv4Address network, int prefixLength)
    {
        if (prefixLength is < 0 or > 32) throw new IpamException(IpamErrorKind.InvalidArgument, $"invalid prefix length /{prefixLength}");
        if ((network.Value & ~MaskOf(prefixLength)) != 0)
            throw new IpamException(IpamErrorKind.InvalidArgument,
                $"invalid subnet {network}/{prefixLength}: it should be {new Ipv4Address(network.Value & MaskOf(prefixLength))}/{prefixLength}");
        Network = network;
        PrefixLength = prefixLength;
    }

    // "172.20.0.0/16"; host bits must be zero, as Docker requires for --subnet and --ip-range.
    public static Ipv4Subnet Parse(string text)
    {
        var (address, prefix) = ParseCidr(text);
        return new Ipv4Subnet(address, prefix);
    }

    // "172.17.0.1/16" as an address and its subnet (Docker's --bip form: the bridge's own address).
    public static (Ipv4Address Address, Ipv4Subnet Subnet) ParseInterface(string text)
    {
        var (address, prefix) = ParseCidr(text);
        return (address, Containing(address, prefix));
    }

    public static Ipv4Subnet Containing(Ipv4Address address, int prefixLength) =>
        new(new Ipv4Address(address.Value & MaskOf(prefixLength is >= 0 and <= 32 ? prefixLength : 32)), prefixLength);

    private static (Ipv4Address, int) ParseCidr(string text)
    {
        var slash = text.IndexOf('/');
        if (slash < 0 || !Ipv4Address.TryParse(text[..slash], out var address)
            || !int.TryParse(text.AsSpan(slash + 1), System.Globalization.NumberStyles.None, null, out var prefix) || prefix > 32
            || text.Length - slash - 1 > 2)
            throw new IpamException(IpamErrorKind.InvalidArgument, $"invalid CIDR address: {text}");
        return (address, prefix);
    }

    public uint Mask => MaskOf(PrefixLength);

    public Ipv4Address Broadcast => new(Network.Value | ~Mask);

    public Ipv4Address Last => Broadcast;

    public ulong Size => 1UL << (32 - PrefixLength);

    // Usable host addresses: the network and broadcast addresses are excluded, except in /31 and /32 (RFC 3021).
    public Ipv4Address FirstHost => PrefixLength >= 31 ? Network : new(Network.Value + 1);

    public Ipv4Address LastHost => PrefixLength >= 31 ? Broadcast : new(Broadcast.Value - 1);

    public bool Contains(Ipv4Address address) => (address.Value & Mask) == Network.Value;

    public bool Contains(Ipv4Subnet other) => other.PrefixLength >= PrefixLength && Contains(other.Network);

    public bool Overlaps(Ipv4Subnet other) => Contains(other.Network) || other.Contains(Network);

    public static uint MaskOf(int prefixLength) => prefixLength == 0 ? 0 : uint.MaxValue << (32 - prefixLength);

    public override string ToString() => $"{Network}/{PrefixLength}";
}
