using System.Globalization;

namespace Berth.Images;

// Times as Go's time.RFC3339Nano prints them (what the Engine API sends):
// UTC, "Z", fractional seconds without trailing zeros.
internal static class GoTime
{
    public static string Format(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        var text = utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        var fraction = utc.ToString("fffffff", CultureInfo.InvariantCulture).TrimEnd('0');
        return fraction.Length == 0 ? text + "Z" : $"{text}.{fraction}Z";
    }

    // A time as a document stored it ("2026-11-28T02:49:52.967505501Z"),
    // keeping the nanoseconds DateTimeOffset cannot hold; other shapes are
    // reformatted from the parsed value.
    public static string Normalize(string? raw, DateTimeOffset? parsed)
    {
        if (raw is { Length: > 20 } && raw.EndsWith('Z') && raw[19] is '.' or 'Z')
        {
            var dot = raw.IndexOf('.');
            if (dot < 0)
                return raw;
            var fraction = raw[(dot + 1)..^1].TrimEnd('0');
            if (fraction.All(char.IsAsciiDigit))
                return fraction.Length == 0 ? raw[..dot] + "Z" : $"{raw[..dot]}.{fraction}Z";
        }
        return parsed is { } time ? Format(time) : "";
    }
}
