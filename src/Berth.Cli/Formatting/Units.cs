namespace Berth.Cli.Formatting;

/// <summary>docker/go-units and stringid helpers, reproducing their exact strings.</summary>
public static class Units
{
    private static readonly string[] DecimalUnits = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];
    private static readonly string[] BinaryUnits = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"];

    /// <summary>go-units HumanSize: decimal units, 4 significant digits ("1.235MB").</summary>
    public static string HumanSize(double size) => HumanSizeWithPrecision(size, 4);

    /// <summary>go-units HumanSizeWithPrecision; docker images/ps size columns use precision 3
    /// ("1.23MB"). Formatting is Go's %.*g, so e.g. 999999 at precision 3 is "1e+03kB".</summary>
    public static string HumanSizeWithPrecision(double size, int precision)
    {
        var (value, unit) = Scale(size, 1000.0, DecimalUnits);
        return GoPrint.FormatFloatG(value, precision) + unit;
    }

    /// <summary>go-units BytesSize: binary units, 4 significant digits ("1.177MiB").</summary>
    public static string BytesSize(double size)
    {
        var (value, unit) = Scale(size, 1024.0, BinaryUnits);
        return GoPrint.FormatFloatG(value, 4) + unit;
    }

    private static (double, string) Scale(double size, double b, string[] units)
    {
        var i = 0;
        while (size >= b && i < units.Length - 1)
        {
            size /= b;
            i++;
        }
        return (size, units[i]);
    }

    /// <summary>go-units HumanDuration ("Less than a second", "About a minute", "3 days"...).</summary>
    public static string HumanDuration(TimeSpan d)
    {
        var seconds = (long)d.TotalSeconds;
        if (seconds < 1) return "Less than a second";
        if (seconds == 1) return "1 second";
        if (seconds < 60) return $"{seconds} seconds";
        var minutes = (long)d.TotalMinutes;
        if (minutes == 1) return "About a minute";
        if (minutes < 60) return $"{minutes} minutes";
        // Hours round to nearest, unlike seconds and minutes.
        var hours = (long)(d.TotalHours + 0.5);
        if (hours == 1) return "About an hour";
        if (hours < 48) return $"{hours} hours";
        if (hours < 24 * 7 * 2) return $"{hours / 24} days";
        if (hours < 24 * 30 * 2) return $"{hours / 24 / 7} weeks";
        if (hours < 24 * 365 * 2) return $"{hours / 24 / 30} months";
        return $"{(long)d.TotalHours / 24 / 365} years";
    }

    /// <summary>Docker's CreatedSince/RunningFor text: "&lt;HumanDuration&gt; ago".</summary>
    public static string Ago(DateTimeOffset then, DateTimeOffset now) => HumanDuration(now - then) + " ago";

    /// <summary>stringid.TruncateID: drops an "algo:" prefix and keeps 12 characters.</summary>
    public static string TruncateId(string id)
    {
        var colon = id.IndexOf(':');
        if (colon >= 0) id = id[(colon + 1)..];
        return id.Length > 12 ? id[..12] : id;
    }

    /// <summary>The ID shown in lists: truncated unless --no-trunc, in which case the full
    /// value (docker keeps the "sha256:" prefix for image IDs) is shown.</summary>
    public static string DisplayId(string id, bool noTrunc) => noTrunc ? id : TruncateId(id);

    /// <summary>Docker's Ellipsis helper for truncating free text (e.g. COMMAND) to a width
    /// in runes, ending with "…" when shortened.</summary>
    public static string Ellipsis(string s, int maxDisplayWidth)
    {
        if (maxDisplayWidth <= 0) return "";
        var runes = s.EnumerateRunes().ToArray();
        if (runes.Length <= maxDisplayWidth) return s;
        return string.Concat(runes.Take(maxDisplayWidth - 1).Select(r => r.ToString())) + "…";
    }
}
