using System.Globalization;

namespace Berth.Api.Http;

// The `since`/`until` values of /events: Unix seconds with an optional fraction ("1700000000.123456789"),
// which is what Docker's clients send after converting durations and dates themselves.
public static class TimestampQuery
{
    public static long? ParseNano(string? value, string name)
    {
        if (string.IsNullOrEmpty(value)) return null;
        var dot = value.IndexOf('.');
        var secondsText = dot < 0 ? value : value[..dot];
        var fraction = dot < 0 ? "" : value[(dot + 1)..];
        if (!long.TryParse(secondsText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds)
            || fraction.Length > 9 || !fraction.All(char.IsAsciiDigit))
            throw ApiException.BadRequest($"invalid value for {name}: \"{value}\" is not a Unix timestamp");
        var nanos = fraction.Length == 0 ? 0 : long.Parse(fraction.PadRight(9, '0'), CultureInfo.InvariantCulture);
        return seconds * 1_000_000_000 + nanos;
    }
}
