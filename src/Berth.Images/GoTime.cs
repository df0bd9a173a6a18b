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
}
