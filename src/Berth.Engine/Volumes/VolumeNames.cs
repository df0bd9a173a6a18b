using System.Security.Cryptography;
using System.Text;

namespace Berth.Engine.Volumes;

// The names the local driver accepts, and the random names of anonymous volumes.
public static class VolumeNames
{
    public const string AllowedChars = "[a-zA-Z0-9][a-zA-Z0-9_.-]";

    // Null when the name is valid, else dockerd's reason.
    public static string? Problem(string name)
    {
        if (name.Length == 1)
            return "volume name is too short, names should be at least two alphanumeric characters";
        if (name.Length == 0 || !IsAlnum(name[0]) || name.AsSpan(1).ContainsAnyExcept(Allowed))
            return $"{GoQuote(name)} includes invalid characters for a local volume name, only {GoQuote(AllowedChars)} are allowed. If you intended to pass a host directory, use absolute path";
        return null;
    }

    private static readonly System.Buffers.SearchValues<char> Allowed =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-");

    private static bool IsAlnum(char c) => char.IsAsciiLetterOrDigit(c);

    // 64 hex digits, as dockerd names an anonymous volume.
    public static string NewAnonymous() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    // Go's %q for the printable ASCII names and reasons these messages hold.
    internal static string GoQuote(string s)
    {
        var b = new StringBuilder("\"");
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': b.Append("\\\""); break;
                case '\\': b.Append("\\\\"); break;
                case '\n': b.Append("\\n"); break;
                case '\t': b.Append("\\t"); break;
                default:
                    if (c < ' ' || c == 0x7f) b.Append("\\x").Append(((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
                    else b.Append(c);
                    break;
            }
        }
        return b.Append('"').ToString();
    }
}
