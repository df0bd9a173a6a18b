using Berth.Api.Models.Containers;

namespace Berth.Engine.Networks;

// One host port a container asks for: HostPortStart..HostPortEnd (0..0: any free port) on HostIp ("" for every
// address) forwarded to ContainerPort.
public sealed record PortRequest(string Protocol, int ContainerPort, string HostIp, int HostPortStart, int HostPortEnd);

// Reads HostConfig.PortBindings (and -P's PublishAllPorts over the exposed ports) as dockerd does: "80/tcp" keys,
// each with bindings whose HostPort is empty (any), a port, or a range to take the first free port from.
public static class PortRequests
{
    public static List<PortRequest> Parse(HostConfig hc, IEnumerable<string>? exposed)
    {
        var requests = new List<PortRequest>();
        var bound = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, bindings) in hc.PortBindings ?? [])
        {
            var (port, proto) = ParseKey(key);
            bound.Add($"{port}/{proto}");
            foreach (var b in bindings is { Count: > 0 } ? bindings : [new PortBinding()])
            {
                var (start, end) = ParseHostPort(b.HostPort);
                var ip = b.HostIp ?? "";
                if (ip.Length > 0 && (!System.Net.IPAddress.TryParse(ip, out var parsed) || parsed.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork))
                {
                    if (parsed?.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
                        throw new NetworkException(400, $"publishing on IPv6 address {ip} is not supported yet");
                    throw new NetworkException(400, $"invalid host IP address {ip} in port binding {key}");
                }
                requests.Add(new PortRequest(proto, port, ip == "0.0.0.0" ? "" : ip, start, end));
            }
        }
        if (hc.PublishAllPorts)
        {
            foreach (var key in exposed ?? [])
            {
                var (port, proto) = ParseKey(key);
                if (bound.Add($"{port}/{proto}")) requests.Add(new PortRequest(proto, port, "", 0, 0));
            }
        }
        return requests;
    }

    public static (int Port, string Protocol) ParseKey(string key)
    {
        var slash = key.IndexOf('/');
        var portText = slash < 0 ? key : key[..slash];
        var proto = slash < 0 ? "tcp" : key[(slash + 1)..].ToLowerInvariant();
        if (proto is not ("tcp" or "udp"))
            throw new NetworkException(400, proto == "sctp" ? "publishing sctp ports is not supported yet" : $"invalid protocol {proto} in port {key}");
        if (!int.TryParse(portText, System.Globalization.NumberStyles.None, null, out var port) || port is < 1 or > 65535)
            throw new NetworkException(400, $"invalid port {key}: the port must be between 1 and 65535");
        return (port, proto);
    }

    private static (int Start, int End) ParseHostPort(string? text)
    {
        if (string.IsNullOrEmpty(text)) return (0, 0);
        var dash = text.IndexOf('-');
        var startText = dash < 0 ? text : text[..dash];
        var endText = dash < 0 ? text : text[(dash + 1)..];
        if (!int.TryParse(startText, System.Globalization.NumberStyles.None, null, out var start) || start is < 0 or > 65535
            || !int.TryParse(endText, System.Globalization.NumberStyles.None, null, out var end) || end is < 0 or > 65535 || end < start)
            throw new NetworkException(400, $"invalid host port {text}: it must be a port or a range like 8000-8010");
        return (start, end);
    }
}
