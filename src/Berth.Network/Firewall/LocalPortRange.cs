namespace Berth.Network.Firewall;

// The kernel's range for ephemeral ports, which Docker also uses for `-p 80` (a host port chosen for you).
public readonly record struct LocalPortRange(int First, int Last)
{
    public const string ProcPath = "/proc/sys/net/ipv4/ip_local_port_range";

    public static LocalPortRange Read() => Parse(File.ReadAllText(ProcPath));

    // "32768\t60999\n"
    public static LocalPortRange Parse(string text)
    {
        var parts = text.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !int.TryParse(parts[0], out var first) || !int.TryParse(parts[1], out var last)
            || first is < 1 or > 65535 || last is < 1 or > 65535 || first > last)
            throw new PortAllocationException(PortAllocationErrorKind.InvalidArgument, $"invalid local port range \"{text.Trim()}\"");
        return new LocalPortRange(first, last);
    }

    public int Count => Last - First + 1;
}
