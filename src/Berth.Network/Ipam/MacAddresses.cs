namespace Berth.Network.Ipam;

// A container's MAC derived from its IPv4 address, as Docker does: 02:42 (locally administered, unicast)
// followed by the four address bytes, so 172.17.0.2 gets 02:42:ac:11:00:02. Unique while the address is.
public static class MacAddresses
{
    public static byte[] FromIpv4(Ipv4Address address) => [0x02, 0x42, .. address.GetBytes()];

    public static string Format(ReadOnlySpan<byte> mac) => string.Join(':', mac.ToArray().Select(b => b.ToString("x2")));

    // "02:42:ac:11:00:02" (also with '-'), as --mac-address takes it; a multicast MAC cannot be an interface's.
    public static byte[] Parse(string text)
    {
        var parts = text.Split(text.Contains('-') ? '-' : ':');
        var bytes = new byte[6];
        if (parts.Length != 6 || parts.Any(p => p.Length != 2)
            || !parts.Select((p, i) => byte.TryParse(p, System.Globalization.NumberStyles.HexNumber, null, out bytes[i])).All(ok => ok))
            throw new IpamException(IpamErrorKind.InvalidArgument, $"invalid MAC address: {text}");
        if ((bytes[0] & 1) != 0)
            throw new IpamException(IpamErrorKind.InvalidArgument, $"invalid MAC address {text}: it is a multicast address");
        return bytes;
    }
}
