using System.Globalization;

namespace Berth.Runtime.Logs;

// Go's RFC3339Nano in UTC ("2006-01-02T15:04:05.999999999Z"): trailing zeros of the fraction dropped, as Docker writes.
public static class GoTimestamp
{
    public static string Format(DateTime time)
    {
        var utc = time.ToUniversalTime();
        var text = utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        var fraction = (utc.Ticks % TimeSpan.TicksPerSecond) * 100; // nanoseconds; .NET keeps 100 ns
        if (fraction == 0) return text + "Z";
        return text + "." + fraction.ToString("D9", CultureInfo.InvariantCulture).TrimEnd('0') + "Z";
    }

    // Accepts any RFC 3339 time (fraction of any length, Z or an offset); returns UTC. .NET keeps 100 ns, so
    // the fraction is cut to 7 digits (cut, not rounded, so a line never appears later than it was written).
    public static bool TryParse(string text, out DateTime time)
    {
        var dot = text.IndexOf('.');
        if (dot > 0)
        {
            var end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end])) end++;
            if (end - dot - 1 > 7) text = text[..(dot + 8)] + text[end..];
        }
        var ok = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var dto);
        time = ok ? dto.UtcDateTime : default;
        return ok;
    }
}
