namespace Berth.Cli.Commands.Networks;

// The value shapes of docker's network flags: "k=v" maps (a bare "k" maps to ""), and pflag's comma-separated slices.
public static class KeyValues
{
    public static Dictionary<string, string> Map(IEnumerable<string> values) =>
        Pairs(values).GroupBy(p => p.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);

    public static List<KeyValuePair<string, string>> Pairs(IEnumerable<string> values) =>
        values.Select(v => v.IndexOf('=') is var eq and >= 0 ? new KeyValuePair<string, string>(v[..eq], v[(eq + 1)..]) : new(v, "")).ToList();

    public static List<string> Split(IEnumerable<string> values) =>
        values.SelectMany(v => v.Split(',')).Where(v => v.Length > 0).ToList();
}
