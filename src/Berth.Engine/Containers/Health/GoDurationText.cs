using System.Globalization;

namespace Berth.Engine.Containers.Health;

// Go's time.Duration.String() ("100ms", "30s", "1m30s", "1h0m0s"), which dockerd puts in a timed-out probe's output.
public static class GoDurationText
{
    public static string Of(TimeSpan d)
    {
        var ns = d.Ticks * 100;
        if (ns == 0) return "0s";
        var sign = ns < 0 ? "-" : "";
        ns = Math.Abs(ns);
        if (ns < 1_000) return $"{sign}{ns}ns";
        if (ns < 1_000_000) return sign + Fraction(ns, 1_000) + "µs";
        if (ns < 1_000_000_000) return sign + Fraction(ns, 1_000_000) + "ms";
        var hours = ns / 3_600_000_000_000;
        var minutes = ns / 60_000_000_000 % 60;
        var seconds = Fraction(ns % 60_000_000_000, 1_000_000_000) + "s";
        if (hours > 0) return $"{sign}{hours}h{minutes}m{seconds}";
        if (minutes > 0) return $"{sign}{minutes}m{seconds}";
        return sign + seconds;
    }

    // value/unit with the fraction's trailing zeros dropped ("1.5", "100").
    private static string Fraction(long value, long unit)
    {
        var whole = (value / unit).ToString(CultureInfo.InvariantCulture);
        var rest = value % unit;
        if (rest == 0) return whole;
        var digits = unit.ToString(CultureInfo.InvariantCulture).Length - 1;
        return whole + "." + rest.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0').TrimEnd('0');
    }
}
