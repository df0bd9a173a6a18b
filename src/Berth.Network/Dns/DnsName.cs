using System.Text;

namespace Berth.Network.Dns;

// Domain names on the wire (RFC 1035 4.1.4): length-prefixed labels, with compression pointers when reading.
// The text form has no trailing dot; a byte that is not printable ASCII, a dot or a backslash inside a label
// is written \DDD (decimal) as dig does, so any wire name survives a round trip.
public static class DnsName
{
    public const int MaxWireLength = 255;
    public const int MaxLabelLength = 63;

    // Reads the name at offset and moves offset past it (past the first pointer when the name is compressed).
    public static string Read(ReadOnlySpan<byte> message, ref int offset)
    {
        var text = new StringBuilder();
        var position = offset;
        var end = -1;
        var wireLength = 1;
        while (true)
        {
            if (position >= message.Length) throw new DnsFormatException("name runs past the end of the message");
            var length = message[position];
            switch (length & 0xC0)
            {
                case 0xC0:
                    if (position + 1 >= message.Length) throw new DnsFormatException("compression pointer runs past the end of the message");
                    var target = (length & 0x3F) << 8 | message[position + 1];
                    // Only backward pointers: that rules out loops without counting jumps.
                    if (target >= position) throw new DnsFormatException("compression pointer does not point backwards");
                    if (end < 0) end = position + 2;
                    position = target;
                    continue;
                case 0x00:
                    break;
                default:
                    throw new DnsFormatException($"unsupported label type 0x{length & 0xC0:x2}");
            }
            if (length == 0)
            {
                offset = end < 0 ? position + 1 : end;
                return text.ToString();
            }
            wireLength += length + 1;
            if (wireLength > MaxWireLength) throw new DnsFormatException("name longer than 255 octets");
            if (position + 1 + length > message.Length) throw new DnsFormatException("label runs past the end of the message");
            if (text.Length > 0) text.Append('.');
            AppendLabel(text, message.Slice(position + 1, length));
            position += 1 + length;
        }
    }

    // The wire labels of a text name ("" is the root: no labels).
    public static List<byte[]> ToLabels(string name)
    {
        var labels = new List<byte[]>();
        if (name.EndsWith('.') && !name.EndsWith("\\.", StringComparison.Ordinal)) name = name[..^1];
        if (name.Length == 0) return labels;
        var current = new List<byte>();
        var wireLength = 1;
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c == '.')
            {
                labels.Add(FinishLabel(current, name, ref wireLength));
                continue;
            }
            if (c == '\\')
            {
                if (i + 3 < name.Length && char.IsAsciiDigit(name[i + 1]) && char.IsAsciiDigit(name[i + 2]) && char.IsAsciiDigit(name[i + 3]))
                {
                    var value = (name[i + 1] - '0') * 100 + (name[i + 2] - '0') * 10 + (name[i + 3] - '0');
                    if (value > 255) throw new DnsFormatException($"bad escape in name \"{name}\"");
                    current.Add((byte)value);
                    i += 3;
                }
                else if (i + 1 < name.Length)
                {
                    current.Add(ToAscii(name[++i], name));
                }
                else
                {
                    throw new DnsFormatException($"name \"{name}\" ends in a backslash");
                }
                continue;
            }
            current.Add(ToAscii(c, name));
        }
        labels.Add(FinishLabel(current, name, ref wireLength));
        return labels;
    }

    // Case-insensitive comparison as DNS defines it (ASCII letters only).
    public static bool Equal(string a, string b) => string.Equals(Trim(a), Trim(b), StringComparison.OrdinalIgnoreCase);

    // Drops one trailing dot, so "web." and "web" are the same name.
    public static string Trim(string name) =>
        name.EndsWith('.') && !name.EndsWith("\\.", StringComparison.Ordinal) ? name[..^1] : name;

    private static byte[] FinishLabel(List<byte> current, string name, ref int wireLength)
    {
        if (current.Count == 0) throw new DnsFormatException($"empty label in name \"{name}\"");
        if (current.Count > MaxLabelLength) throw new DnsFormatException($"label longer than 63 octets in name \"{name}\"");
        wireLength += current.Count + 1;
        if (wireLength > MaxWireLength) throw new DnsFormatException($"name \"{name}\" is longer than 255 octets");
        var label = current.ToArray();
        current.Clear();
        return label;
    }

    private static byte ToAscii(char c, string name) =>
        c <= 0x7F ? (byte)c : throw new DnsFormatException($"name \"{name}\" has a non-ASCII character");

    private static void AppendLabel(StringBuilder text, ReadOnlySpan<byte> label)
    {
        foreach (var b in label)
        {
            if (b is (byte)'.' or (byte)'\\') text.Append('\\').Append((char)b);
            else if (b is > 0x20 and < 0x7F) text.Append((char)b);
            else text.Append('\\').Append(((int)b).ToString("D3", System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
