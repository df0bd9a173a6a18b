using System.Globalization;
using Berth.Api.Models.Containers;

namespace Berth.Cli.Formatting;

// How docker prints published ports: the PORTS column of `ps` (consecutive ports on one address and protocol
// collapse into a range) and the lines of `port`.
public static class PortText
{
    // formatter.DisplayablePorts: "0.0.0.0:9000-9001->9000-9001/tcp, 0.0.0.0:8080->80/tcp, 53/udp".
    public static string Summary(IEnumerable<Port>? ports)
    {
        var sorted = (ports ?? []).ToList();
        sorted.Sort(Compare);
        var groups = new Dictionary<string, (int First, int Last)>(StringComparer.Ordinal);
        var groupOrder = new List<string>();
        var result = new List<string>();
        var remapped = new List<string>();
        foreach (var port in sorted)
        {
            int current = port.PrivatePort;
            var key = port.Type ?? "";
            if (!string.IsNullOrEmpty(port.IP))
            {
                var published = port.PublicPort ?? 0;
                if (published != current)
                {
                    remapped.Add($"{JoinHostPort(port.IP, published.ToString(CultureInfo.InvariantCulture))}->{current}/{port.Type}");
                    continue;
                }
                key = port.IP + "/" + port.Type;
            }
            if (!groups.TryGetValue(key, out var group))
            {
                groups[key] = (current, current);
                groupOrder.Add(key);
                continue;
            }
            if (current == group.Last + 1)
            {
                groups[key] = (group.First, current);
                continue;
            }
            result.Add(Group(key, group.First, group.Last));
            groups[key] = (current, current);
        }
        result.AddRange(groupOrder.Select(k => Group(k, groups[k].First, groups[k].Last)));
        result.AddRange(remapped);
        return string.Join(", ", result);
    }

    // The lines of `docker port NAME`: "80/tcp -> 0.0.0.0:8080", in natural order.
    public static List<string> Mappings(IReadOnlyDictionary<string, List<PortBinding>?> ports)
    {
        var lines = new List<string>();
        foreach (var (port, bindings) in ports)
            foreach (var b in bindings ?? [])
                lines.Add($"{port} -> {JoinHostPort(b.HostIp ?? "", b.HostPort ?? "")}");
        lines.Sort(NaturalOrder.Instance);
        return lines;
    }

    // Go's net.JoinHostPort: IPv6 hosts in brackets.
    public static string JoinHostPort(string host, string port) => host.Contains(':') ? $"[{host}]:{port}" : $"{host}:{port}";

    private static string Group(string key, int first, int last)
    {
        var slash = key.IndexOf('/');
        var ip = slash < 0 ? "" : key[..slash];
        var type = slash < 0 ? key : key[(slash + 1)..];
        var range = first == last ? first.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{first}-{last}");
        return ip.Length == 0 ? $"{range}/{type}" : $"{JoinHostPort(ip, range)}->{range}/{type}";
    }

    private static int Compare(Port a, Port b)
    {
        if (a.PrivatePort != b.PrivatePort) return a.PrivatePort.CompareTo(b.PrivatePort);
        var ip = string.CompareOrdinal(a.IP ?? "", b.IP ?? "");
        if (ip != 0) return ip;
        if ((a.PublicPort ?? 0) != (b.PublicPort ?? 0)) return (a.PublicPort ?? 0).CompareTo(b.PublicPort ?? 0);
        return string.CompareOrdinal(a.Type ?? "", b.Type ?? "");
    }
}
