using System.Globalization;

namespace Berth.Api.Models;

// An Engine API version such as 1.50: two numbers, compared numerically (1.9 < 1.24), never as strings.
public readonly record struct ApiVersion(int Major, int Minor) : IComparable<ApiVersion>
{
    public static readonly ApiVersion Max = new(1, 50);
    public static readonly ApiVersion Min = new(1, 24);

    public static bool TryParse(string? text, out ApiVersion version)
    {
        version = default;
        if (string.IsNullOrEmpty(text)) return false;
        var dot = text.IndexOf('.');
        if (dot <= 0 || dot == text.Length - 1) return false;
        if (!int.TryParse(text.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var major)) return false;
        if (!int.TryParse(text.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var minor)) return false;
        version = new ApiVersion(major, minor);
        return true;
    }

    public int CompareTo(ApiVersion other) => Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    public static bool operator <(ApiVersion a, ApiVersion b) => a.CompareTo(b) < 0;
    public static bool operator >(ApiVersion a, ApiVersion b) => a.CompareTo(b) > 0;
    public static bool operator <=(ApiVersion a, ApiVersion b) => a.CompareTo(b) <= 0;
    public static bool operator >=(ApiVersion a, ApiVersion b) => a.CompareTo(b) >= 0;

    // Concatenated rather than interpolated: the interpolation handler's pooled buffer costs a CLI run the shared
    // array pool's start-up (a timed probe of the CPU number) when nothing else needs the pool.
    public override string ToString() =>
        Major.ToString(CultureInfo.InvariantCulture) + "." + Minor.ToString(CultureInfo.InvariantCulture);
}
