using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Berth.Cli.Support;

// Addresses and CIDR blocks read as Go's net.ParseIP and net.ParseCIDR do: IPv4 only in four dotted decimals
// (no "10" or "10.1" shorthands, no leading zeros), IPv6 without a zone.
public static class IpText
{
    public static IPAddress? ParseIp(string text)
    {
        if (text.Contains(':'))
            return !text.Contains('%') && IPAddress.TryParse(text, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6 ? v6 : null;
        var parts = text.Split('.');
        if (parts.Length != 4) return null;
        var bytes = new byte[4];
        for (var i = 0; i < 4; i++)
        {
            var p = parts[i];
            if (p.Length is 0 or > 3 || !p.All(char.IsAsciiDigit) || (p.Length > 1 && p[0] == '0')) return null;
            var n = int.Parse(p, CultureInfo.InvariantCulture);
            if (n > 255) return null;
            bytes[i] = (byte)n;
        }
        return new IPAddress(bytes);
    }

    // "10.5.1.7/24" → the address as written and its /24 network.
    public static (IPAddress Address, IPAddress Network, int Bits)? ParseCidr(string text)
    {
        var slash = text.IndexOf('/');
        if (slash < 0) return null;
        var address = ParseIp(text[..slash]);
        var bitsText = text[(slash + 1)..];
        if (address is null || bitsText.Length is 0 or > 3 || !bitsText.All(char.IsAsciiDigit)) return null;
        var bits = int.Parse(bitsText, CultureInfo.InvariantCulture);
        var bytes = address.GetAddressBytes();
        if (bits > bytes.Length * 8) return null;
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(bits - i * 8, 0, 8);
            bytes[i] &= (byte)(0xff << (8 - keep));
        }
        return (address, new IPAddress(bytes), bits);
    }

    public static bool Contains((IPAddress Address, IPAddress Network, int Bits) cidr, IPAddress address)
    {
        if (address.AddressFamily != cidr.Network.AddressFamily) return false;
        var a = address.GetAddressBytes();
        var n = cidr.Network.GetAddressBytes();
        for (var i = 0; i < a.Length; i++)
        {
            var keep = Math.Clamp(cidr.Bits - i * 8, 0, 8);
            var mask = (byte)(0xff << (8 - keep));
            if ((a[i] & mask) != n[i]) return false;
        }
        return true;
    }
}
