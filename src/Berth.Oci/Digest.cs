using System.Security.Cryptography;
using System.Text.Json.Serialization;

namespace Berth.Oci;

// A content digest ("sha256:<64 lowercase hex>"). Content addressing is the
// integrity check for everything pulled or loaded, so a digest is validated
// when it is parsed and never built from an unchecked string.
[JsonConverter(typeof(DigestJsonConverter))]
public readonly record struct Digest
{
    public const string Sha256 = "sha256";
    public const string Sha512 = "sha512";

    public string Algorithm { get; }
    public string Hex { get; }

    private Digest(string algorithm, string hex)
    {
        Algorithm = algorithm;
        Hex = hex;
    }

    public static Digest Parse(string value) =>
        TryParse(value, out var digest, out var error) ? digest : throw new FormatException(error);

    public static bool TryParse(string? value, out Digest digest) => TryParse(value, out digest, out _);

    private static bool TryParse(string? value, out Digest digest, out string error)
    {
        digest = default;
        if (string.IsNullOrEmpty(value))
        {
            error = "invalid digest: empty";
            return false;
        }
        var colon = value.IndexOf(':');
        if (colon < 0)
        {
            error = $"invalid digest \"{value}\": expected \"sha256:<hex>\"";
            return false;
        }
        var algorithm = value[..colon];
        var hex = value[(colon + 1)..];
        var expected = algorithm switch { Sha256 => 64, Sha512 => 128, _ => -1 };
        if (expected < 0)
        {
            error = $"invalid digest \"{value}\": unsupported algorithm \"{algorithm}\"";
            return false;
        }
        // Uppercase hex is rejected, as the OCI spec does, so that one content
        // has exactly one digest string (it is used as a file name and map key).
        if (hex.Length != expected || !hex.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f'))
        {
            error = $"invalid digest \"{value}\": {algorithm} needs {expected} lowercase hex characters";
            return false;
        }
        digest = new Digest(algorithm, hex);
        error = "";
        return true;
    }

    public static Digest FromSha256Hash(ReadOnlySpan<byte> hash)
    {
        if (hash.Length != SHA256.HashSizeInBytes)
            throw new ArgumentException("a sha256 hash is 32 bytes", nameof(hash));
        return new Digest(Sha256, Convert.ToHexStringLower(hash));
    }

    public static Digest Compute(ReadOnlySpan<byte> content) => FromSha256Hash(SHA256.HashData(content));

    public static Digest Compute(Stream content) => FromSha256Hash(SHA256.HashData(content));

    public static async Task<Digest> ComputeAsync(Stream content, CancellationToken cancellationToken = default) =>
        FromSha256Hash(await SHA256.HashDataAsync(content, cancellationToken).ConfigureAwait(false));

    public bool IsEmpty => Algorithm is null;

    // The short ID Docker prints (first 12 hex characters).
    public string ShortHex => Hex[..12];

    public override string ToString() => IsEmpty ? "" : $"{Algorithm}:{Hex}";
}
