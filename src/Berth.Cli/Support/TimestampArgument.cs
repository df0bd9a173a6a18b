using System.Globalization;

namespace Berth.Cli.Support;

// Converts --since/--until values into the Unix "seconds.nanoseconds" form the API takes, accepting what docker
// accepts: Unix timestamps, RFC 3339 dates and times, and durations ("10m", "1h30m") counted back from now.
public static class TimestampArgument
{
    public static string? ToApi(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(value)) return null;
        if (IsUnixTimestamp(value)) return value;
        if (TryParseDuration(value, out var ago)) return Format(now - ago);

        string[] layouts =
        [
            "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss",
            "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd",
        ];
        var trimmed = TrimNanoseconds(value);
        if (DateTimeOffset.TryParseExact(trimmed, layouts, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var when))
            return Format(when);
        throw new UsageException($"invalid timestamp \"{value}\": use a Unix timestamp, an RFC 3339 date, or a duration such as 10m");
    }

    public static string Format(DateTimeOffset when)
    {
        var ticks = (when - DateTimeOffset.UnixEpoch).Ticks;
        var seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var rest);
        if (rest < 0)
        {
            seconds--;
            rest += TimeSpan.TicksPerSecond;
        }
        return string.Create(CultureInfo.InvariantCulture, $"{seconds}.{rest * 100:D9}");
    }

    private static bool IsUnixTimestamp(string value)
    {
        var dot = value.IndexOf('.');
        var whole = dot < 0 ? value : value[..dot];
        var fraction = dot < 0 ? "" : value[(dot + 1)..];
        return whole.Length > 0 && whole.All(char.IsAsciiDigit) && fraction.All(char.IsAsciiDigit) && (dot < 0 || fraction.Length > 0);
    }

    // .NET parses at most 7 fractional digits; RFC 3339 allows 9.
    private static string TrimNanoseconds(string value)
    {
        var dot = value.IndexOf('.');
        if (dot < 0) return value;
        var end = dot + 1;
        while (end < value.Length && char.IsAsciiDigit(value[end])) end++;
        return end - dot - 1 <= 7 ? value : value[..(dot + 8)] + value[end..];
    }

    // Go's duration syntax: a sequence of decimal numbers, each with a unit (ns, us, µs, ms, s, m, h).
    internal static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var i = 0;
        var total = 0.0;
        if (text.Length == 0) return false;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.')) i++;
            if (i == start || !double.TryParse(text.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
                return false;
            var unitStart = i;
            while (i < text.Length && !char.IsAsciiDigit(text[i]) && text[i] != '.') i++;
            double ticksPerUnit = text[unitStart..i] switch
            {
                "ns" => 0.01,
                "us" or "µs" => 10,
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                "h" => TimeSpan.TicksPerHour,
                _ => -1,
            };
            if (ticksPerUnit < 0) return false;
            total += number * ticksPerUnit;
        }
        duration = TimeSpan.FromTicks((long)total);
        return true;
    }
}
