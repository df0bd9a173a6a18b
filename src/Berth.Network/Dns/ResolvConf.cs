using System.Net;

namespace Berth.Network.Dns;

// The upstream resolvers named in a resolv.conf text: its nameserver lines, in order, on port 53.
// Localhost resolvers (systemd-resolved's 127.0.0.53) are kept: the forwarding sockets live in the
// daemon's own namespace, where they are reachable.
public static class ResolvConf
{
    public const int DnsPort = 53;

    public static IReadOnlyList<IPEndPoint> ParseNameservers(string text)
    {
        var servers = new List<IPEndPoint>();
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || line[0] is '#' or ';') continue;
            var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 2 || fields[0] != "nameserver") continue;
            // Lines the resolver library would ignore (not an address) are ignored here too.
            if (!IPAddress.TryParse(fields[1], out var address)) continue;
            var endpoint = new IPEndPoint(address, DnsPort);
            if (!servers.Contains(endpoint)) servers.Add(endpoint);
        }
        return servers;
    }

    public static IReadOnlyList<IPEndPoint> ReadNameservers(string path = "/etc/resolv.conf") =>
        File.Exists(path) ? ParseNameservers(File.ReadAllText(path)) : [];
}
