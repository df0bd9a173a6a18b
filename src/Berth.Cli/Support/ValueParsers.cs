using System.Globalization;
using System.Text.RegularExpressions;

namespace Berth.Cli.Support;

// The value syntaxes of docker's flags (go-units sizes, Go durations, decimals), with docker's error wording.
public static partial class ValueParsers
{
    // go-units RAMInBytes: "512", "10k", "1.5g", "2GiB" (binary multiples, case-insensitive).
    public static long RamInBytes(string text)
    {
        var m = SizeRegex().Match(text);
        if (!m.Success || !double.TryParse(m.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || number < 0)
            throw new FormatException($"invalid size: '{text}'");
        var unit = m.Groups[2].Value.ToLowerInvariant();
        double multiplier = unit.Length == 0 ? 1 : unit[0] switch
        {
            'b' => 1, 'k' => 1L << 10, 'm' => 1L << 20, 'g' => 1L << 30, 't' => 1L << 40, 'p' => 1L << 50,
            _ => throw new FormatException($"invalid size: '{text}'"),
        };
        return (long)(number * multiplier);
    }

    [GeneratedRegex(@"^(\d+(?:\.\d+)?) ?([kKmMgGtTpPbB]?(?:[iI]?[bB])?)$")]
    private static partial Regex SizeRegex();

    // Go's time.ParseDuration: "1h2m3.5s", "300ms", "-1s"; returns nanoseconds.
    public static long GoDuration(string text)
    {
        if (text == "0") return 0;
        var s = text;
        var negative = false;
        if (s.StartsWith('-') || s.StartsWith('+')) { negative = s[0] == '-'; s = s[1..]; }
        if (s.Length == 0) throw new FormatException($"time: invalid duration \"{text}\"");
        double total = 0;
        var i = 0;
        while (i < s.Length)
        {
            var start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.')) i++;
            if (start == i) throw new FormatException($"time: invalid duration \"{text}\"");
            var number = double.Parse(s[start..i], CultureInfo.InvariantCulture);
            var unitStart = i;
            while (i < s.Length && !char.IsAsciiDigit(s[i]) && s[i] != '.') i++;
            var unit = s[unitStart..i];
            if (unit.Length == 0) throw new FormatException($"time: missing unit in duration \"{text}\"");
            total += number * unit switch
            {
                "ns" => 1, "us" or "µs" or "μs" => 1e3, "ms" => 1e6, "s" => 1e9, "m" => 60e9, "h" => 3600e9,
                _ => throw new FormatException($"time: unknown unit \"{unit}\" in duration \"{text}\""),
            };
        }
        return (long)(negative ? -total : total);
    }

    // --cpus: a decimal number of CPUs as NanoCPUs.
    public static long NanoCpus(string text)
    {
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var cpus))
            throw new FormatException($"failed to parse {text} as a rational number");
        var nanos = cpus * 1_000_000_000m;
        if (nanos != decimal.Truncate(nanos))
            throw new FormatException("value is too precise");
        return (long)nanos;
    }

    public static long Int64(string text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v
            : throw new FormatException($"strconv.ParseInt: parsing \"{text}\": invalid syntax");
}
