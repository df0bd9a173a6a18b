namespace Berth.Network.Ipam;

// An IPv4 address as a 32-bit number, so subnets and allocation are plain arithmetic.
public readonly record struct Ipv4Address(uint Value) : IComparable<Ipv4Address>
{
    public static Ipv4Address Parse(string text) =>
        TryParse(text, out var address) ? address : throw new IpamException(IpamErrorKind.InvalidArgument, $"invalid IPv4 address \"{text}\"");

    // Dotted decimal, four octets, no leading zeros (Go's net.ParseIP refuses them too: they were read as octal once).
    public static bool TryParse(string? text, out Ipv4Address address)
    {
        address = default;
        if (string.IsNullOrEmpty(text)) return false;
        var parts = text.Split('.');
        if (parts.Length != 4) return false;
        uint value = 0;
        foreach (var part in parts)
        {
            if (part.Length is 0 or > 3 || (part.Length > 1 && part[0] == '0') || !part.All(char.IsAsciiDigit)) return false;
            var octet = uint.Parse(part);
            if (octet > 255) return false;
            value = (value << 8) | octet;
        }
        address = new Ipv4Address(value);
        return true;
    }

    public static Ipv4Address FromBytes(ReadOnlySpan<byte> bytes) =>
        bytes.Length == 4
            ? new((uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]))
            : throw new ArgumentException("an IPv4 address has 4 bytes");

    public byte[] GetBytes() => [(byte)(Value >> 24), (byte)(Value >> 16), (byte)(Value >> 8), (byte)Value];

    public int CompareTo(Ipv4Address other) => Value.CompareTo(other.Value);

    public static bool operator <(Ipv4Address a, Ipv4Address b) => a.Value < b.Value;
    public static bool operator >(Ipv4Address a, Ipv4Address b) => a.Value > b.Value;
    public static bool operator <=(Ipv4Address a, Ipv4Address b) => a.Value <= b.Value;
    public static bool operator >=(Ipv4Address a, Ipv4Address b) => a.Value >= b.Value;

    public override string ToString() => $"{Value >> 24}.{(Value >> 16) & 255}.{(Value >> 8) & 255}.{Value & 255}";

    public static Ipv4Address? ParseOptional(string? text) => string.IsNullOrEmpty(text) ? null : Parse(text);
}
