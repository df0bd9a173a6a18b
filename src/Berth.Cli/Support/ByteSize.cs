using System.Globalization;

namespace Berth.Cli.Support;

// Sizes as docker prints them in `info` ("15.52GiB"): binary units, four significant digits.
public static class ByteSize
{
    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];

    public static string Binary(double bytes)
    {
        var unit = 0;
        while (bytes >= 1024 && unit < Units.Length - 1)
        {
            bytes /= 1024;
            unit++;
        }
        return bytes.ToString("G4", CultureInfo.InvariantCulture) + Units[unit];
    }
}
