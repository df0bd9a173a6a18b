using System.Formats.Tar;
using System.Net;
using System.Text;

namespace Berth.Storage.Archive;

// Extended attributes as tar carries them in PAX records: GNU tar and Go write
// "SCHILY.xattr.NAME=value"; libarchive writes "LIBARCHIVE.xattr.URLNAME=base64",
// which is the only way to carry a value that is not valid UTF-8 through
// .NET's string-valued PAX records.
internal static class PaxXattrs
{
    private const string Schily = "SCHILY.xattr.";
    private const string Libarchive = "LIBARCHIVE.xattr.";

    // raw: the same entry's SCHILY records as bytes (PaxRecordTap); used when
    // they agree with what TarReader decoded, so binary values survive.
    public static IEnumerable<(string Name, byte[] Value)> Read(TarEntry entry, IReadOnlyDictionary<string, byte[]> raw)
    {
        if (entry is not PaxTarEntry pax)
            yield break;
        foreach (var (key, value) in pax.ExtendedAttributes)
        {
            if (key.StartsWith(Schily, StringComparison.Ordinal))
                yield return (key[Schily.Length..], Exact(entry, key, value, raw));
            else if (key.StartsWith(Libarchive, StringComparison.Ordinal))
                yield return (WebUtility.UrlDecode(key[Libarchive.Length..]), Base64(key, value));
        }
    }

    private static byte[] Exact(TarEntry entry, string key, string decoded, IReadOnlyDictionary<string, byte[]> raw)
    {
        if (raw.TryGetValue(key, out var bytes) && Encoding.UTF8.GetString(bytes) == decoded)
            return bytes;
        if (!decoded.Contains('\uFFFD'))
            return Encoding.UTF8.GetBytes(decoded);
        throw new InvalidLayerException(
            $"layer entry \"{entry.Name}\" has an extended attribute {key[Schily.Length..]} whose binary value could not be read exactly");
    }

    public static void Add(Dictionary<string, string> records, string name, byte[] value)
    {
        if (IsStrictUtf8(value))
            records[Schily + name] = Encoding.UTF8.GetString(value);
        else
            records[Libarchive + WebUtility.UrlEncode(name)] = Convert.ToBase64String(value);
    }

    private static bool IsStrictUtf8(byte[] value)
    {
        try
        {
            // The PAX record format cannot hold NUL either.
            return !value.Contains((byte)0) && new UTF8Encoding(false, true).GetString(value) is not null;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static byte[] Base64(string key, string value)
    {
        try
        {
            return Convert.FromBase64String(value);
        }
        catch (FormatException)
        {
            throw new InvalidLayerException($"PAX record {key} is not valid base64");
        }
    }
}
