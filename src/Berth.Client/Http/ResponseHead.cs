using System.Globalization;

namespace Berth.Client.Http;

// The status line and headers of the daemon's HTTP/1.1 answer.
internal sealed record ResponseHead(int Status, IReadOnlyDictionary<string, string> Headers)
{
    public const int MaxLength = 64 * 1024;

    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;

    public bool IsSuccess => Status is >= 200 and < 300;

    public static ResponseHead Parse(string head)
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
        return new ResponseHead(code, headers);
    }
}
