using System.Text.RegularExpressions;

namespace Berth.Engine.Filters;

// How dockerd matches the values of a `filters` query, shared by the container, volume and network filters.
public static class FilterMatch
{
    // The last value decides, as dockerd reads a repeated boolean filter.
    public static bool? Bool(string key, IReadOnlyList<string> values)
    {
        bool? result = null;
        foreach (var v in values)
        {
            result = v.ToLowerInvariant() switch
            {
                "true" or "1" => true,
                "false" or "0" => false,
                _ => throw new ArgumentException($"invalid filter '{key}={v}'"),
            };
        }
        return result;
    }

    // "key" or "key=value".
    public static bool HasLabel(IReadOnlyDictionary<string, string>? labels, string filter)
    {
        var eq = filter.IndexOf('=');
        var key = eq < 0 ? filter : filter[..eq];
        if (labels is null || !labels.TryGetValue(key, out var value)) return false;
        return eq < 0 || value == filter[(eq + 1)..];
    }

    // A user's pattern as an unanchored regular expression; one that does not compile matches nothing.
    public static bool Regex(string pattern, string text)
    {
        try { return System.Text.RegularExpressions.Regex.IsMatch(text, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)); }
        catch (ArgumentException) { return false; }
    }
}
