using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Berth.Network.Dns;

// Names of reverse lookups: 4.3.2.1.in-addr.arpa for 1.2.3.4 (RFC 1035 3.5), nibbles under ip6.arpa (RFC 3596).
public static class ReverseName
{
    private const string V4Suffix = ".in-addr.arpa";
    private const string V6Suffix = ".ip6.arpa";

    // The address a full reverse name stands for; null for anything else (a partial zone, a malformed label).
    public static IPAddress? TryParse(string name)
    {
        name = DnsName.Trim(name);
        if (name.EndsWith(V4Suffix, StringComparison.OrdinalIgnoreCase)) return ParseV4(name[..^V4Suffix.Length]);
        if (name.EndsWith(V6Suffix, StringComparison.OrdinalIgnoreCase)) return ParseV6(name[..^V6Suffix.Length]);
        return null;
    }

    public static string For(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        var text = new StringBuilder();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            for (var i = 3; i >= 0; i--) text.Append(bytes[i].ToString(CultureInfo.InvariantCulture)).Append('.');
            return text.Append(V4Suffix[1..]).ToString();
        }
        for (var i = 15; i >= 0; i--) text.Append(HexDigit(bytes[i] & 0xF)).Append('.').Append(HexDigit(bytes[i] >> 4)).Append('.');
        return text.Append(V6Suffix[1..]).ToString();
    }

    private static IPAddress? ParseV4(string labels)
    {
        var parts = labels.Split('.');
        if (parts.Length != 4) return null;
        var bytes = new byte[4];
        for (var i = 0; i < 4; i++)
        {
            var part = parts[3 - i];
            // Canonical decimal only: "01" or "+1" are not the name of any address.
            if (part.Length is 0 or > 3 || (part.Length > 1 && part[0] == '0') || !part.All(char.IsAsciiDigit)) return null;
            var value = int.Parse(part, CultureInfo.InvariantCulture);
            if (value > 255) return null;
            bytes[i] = (byte)value;
        }
        return new IPAddress(bytes);
    }

    private static IPAddress? ParseV6(string labels)
    {
        var parts = labels.Split('.');
        if (parts.Length != 32) return null;
        var bytes = new byte[16];
        for (var i = 0; i < 32; i++)
        {
            var part = parts[31 - i];
            if (part.Length != 1 || !char.IsAsciiHexDigit(part[0])) return null;
            var nibble = Convert.ToInt32(part, 16);
            bytes[i / 2] |= (byte)(i % 2 == 0 ? nibble << 4 : nibble);
        }
        return new IPAddress(bytes);
    }

    private static char HexDigit(int value) => "0123456789abcdef"[value];
}
