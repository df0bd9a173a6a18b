using System.Globalization;
using System.Text;

namespace Berth.Client.Hijack;

// The HTTP/1.1 request that asks the daemon to turn a connection into a raw stream (attach, exec start), written by
// hand because HttpClient cannot hand over the connection after "101 Switching Protocols".
internal static class HijackRequest
{
    public static byte[] Build(string method, string pathAndQuery, string userAgent, byte[]? jsonBody)
    {
        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"{method} {pathAndQuery} HTTP/1.1\r\n");
        head.Append("Host: berth\r\n");
        head.Append(CultureInfo.InvariantCulture, $"User-Agent: {userAgent}\r\n");
        head.Append(jsonBody is null ? "Content-Type: text/plain\r\n" : "Content-Type: application/json\r\n");
        head.Append("Connection: Upgrade\r\nUpgrade: tcp\r\n");
        head.Append(CultureInfo.InvariantCulture, $"Content-Length: {jsonBody?.Length ?? 0}\r\n\r\n");
        var headBytes = Encoding.ASCII.GetBytes(head.ToString());
        if (jsonBody is null) return headBytes;
        var all = new byte[headBytes.Length + jsonBody.Length];
        headBytes.CopyTo(all, 0);
        jsonBody.CopyTo(all, headBytes.Length);
        return all;
    }
}

// The status line and headers of the daemon's answer to a hijack request.
internal sealed record HijackResponseHead(int Status, IReadOnlyDictionary<string, string> Headers)
{
    public const int MaxLength = 64 * 1024;

    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;

    public static HijackResponseHead Parse(string head)
    {
        var lines = head.Split("\r\n", StringSplitOptions.None);
        var status = lines[0].Split(' ', 3);
        if (status.Length < 2 || !status[0].StartsWith("HTTP/1.", StringComparison.Ordinal)
            || !int.TryParse(status[1], NumberStyles.None, CultureInfo.InvariantCulture, out var code))
            throw new ClientException(0, $"the daemon sent an unreadable answer: {lines[0]}");
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            if (line.Length == 0) continue;
            var colon = line.IndexOf(':');
            if (colon <= 0) throw new ClientException(0, $"the daemon sent an unreadable header: {line}");
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        return new HijackResponseHead(code, headers);
    }
}
