using System.Text;
using Berth.Api.Models.Containers;

namespace Berth.Engine.Containers;

// The hostname, hosts and resolv.conf files Docker bind-mounts into every container, with dockerd's content.
public static class ContainerFiles
{
    public static string HostnamePath(string dir) => Path.Combine(dir, "hostname");
    public static string HostsPath(string dir) => Path.Combine(dir, "hosts");
    public static string ResolvConfPath(string dir) => Path.Combine(dir, "resolv.conf");

    public static void Write(string dir, string hostname, HostConfig hc, bool hostNetwork)
    {
        WriteAtomically(HostnamePath(dir), hostname + "\n");
        WriteAtomically(HostsPath(dir), Hosts(hostNetwork ? ReadOrEmpty("/etc/hosts") : null, hc.ExtraHosts));
        WriteAtomically(ResolvConfPath(dir), ResolvConf(ReadOrEmpty("/etc/resolv.conf"), hostNetwork, hc.Dns, hc.DnsSearch, hc.DnsOptions));
    }

    // At start on a network: the hosts table gains the container's addresses under its hostname; resolv.conf names
    // the embedded DNS server on user networks (the host's servers, or --dns, become its upstreams).
    public static void WriteNetworked(string dir, string hostname, HostConfig hc, IEnumerable<string> addresses, bool embeddedDns)
    {
        var hosts = new StringBuilder(Hosts(null, hc.ExtraHosts));
        foreach (var address in addresses) hosts.Append(address).Append('\t').Append(hostname).Append('\n');
        WriteAtomically(HostsPath(dir), hosts.ToString());
        var resolv = ResolvConf(ReadOrEmpty("/etc/resolv.conf"), hostNetwork: false, hc.Dns, hc.DnsSearch, hc.DnsOptions);
        if (embeddedDns) resolv = EmbeddedResolvConf(resolv);
        WriteAtomically(ResolvConfPath(dir), resolv);
    }

    // Keeps the search and options lines of the container's resolv.conf, with 127.0.0.11 as its only server and
    // ndots:0 as dockerd adds, so single-label container names are tried as they are first.
    public static string EmbeddedResolvConf(string resolv)
    {
        var sb = new StringBuilder("nameserver 127.0.0.11\n");
        var options = new List<string>();
        foreach (var line in resolv.Split('\n'))
        {
            if (line.StartsWith("search ", StringComparison.Ordinal)) sb.Append(line).Append('\n');
            else if (line.StartsWith("options ", StringComparison.Ordinal)) options.AddRange(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]);
        }
        if (!options.Any(o => o.StartsWith("ndots:", StringComparison.Ordinal))) options.Add("ndots:0");
        sb.Append("options ").Append(string.Join(' ', options)).Append('\n');
        return sb.ToString();
    }

    // hostHosts: the host's /etc/hosts for a container on the host's network, else null for Docker's own table.
    public static string Hosts(string? hostHosts, IEnumerable<string>? extraHosts)
    {
        var sb = new StringBuilder();
        if (hostHosts is not null) sb.Append(hostHosts.EndsWith('\n') || hostHosts.Length == 0 ? hostHosts : hostHosts + "\n");
        else
            sb.Append("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::\tip6-localnet\nff00::\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n");
        foreach (var entry in extraHosts ?? [])
        {
            // "name:ip" (the CLI's --add-host), or "name=ip" in newer clients.
            var sep = entry.IndexOfAny(['=', ':']);
            if (sep <= 0) throw new ContainerException(400, $"invalid IP address in add-host: \"{entry}\"");
            var ip = entry[(sep + 1)..].Trim('[', ']');
            if (ip == "host-gateway") throw new ContainerException(400, "add-host with host-gateway is not supported yet");
            if (!System.Net.IPAddress.TryParse(ip, out _)) throw new ContainerException(400, $"invalid IP address in add-host: \"{ip}\"");
            sb.Append(ip).Append('\t').Append(entry[..sep]).Append('\n');
        }
        return sb.ToString();
    }

    // The host's resolv.conf as the container sees it: on the host network unchanged; on a network of its own the
    // localhost nameservers (unreachable from there) are dropped, and Google's public servers stand in when none is left.
    public static string ResolvConf(string host, bool hostNetwork, IList<string>? dns, IList<string>? search, IList<string>? options)
    {
        var lines = host.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var nameservers = new List<string>();
        var searches = new List<string>();
        var opts = new List<string>();
        foreach (var line in lines)
        {
            var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 2) continue;
            switch (fields[0])
            {
                case "nameserver": nameservers.Add(fields[1]); break;
                case "search": searches = fields[1..].ToList(); break;
                case "options": opts.AddRange(fields[1..]); break;
            }
        }
        if (!hostNetwork)
        {
            nameservers = nameservers.Where(n => !IsLocalhost(n)).ToList();
            if (nameservers.Count == 0) nameservers = ["8.8.8.8", "8.8.4.4", "2001:4860:4860::8888", "2001:4860:4860::8844"];
        }
        if (dns is { Count: > 0 }) nameservers = [.. dns];
        if (search is { Count: > 0 }) searches = search.Where(s => s != ".").ToList();
        if (options is { Count: > 0 }) opts = [.. options];
        var sb = new StringBuilder();
        foreach (var n in nameservers) sb.Append("nameserver ").Append(n).Append('\n');
        if (searches.Count > 0) sb.Append("search ").Append(string.Join(' ', searches)).Append('\n');
        if (opts.Count > 0) sb.Append("options ").Append(string.Join(' ', opts)).Append('\n');
        return sb.ToString();
    }

    private static bool IsLocalhost(string address) =>
        System.Net.IPAddress.TryParse(address.Split('%')[0], out var ip) && System.Net.IPAddress.IsLoopback(ip);

    private static string ReadOrEmpty(string path)
    {
        try { return File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return ""; }
    }

    private static void WriteAtomically(string path, string text)
    {
        var tmp = path + ".tmp";
        File.WriteAllText(tmp, text);
        File.Move(tmp, path, overwrite: true);
    }
}
