using System.Text.Json;
using System.Text.Json.Serialization;

namespace Berth.Oci;

// Digests travel as plain strings in every OCI and Docker document; a malformed
// one fails deserialisation instead of surfacing later as a missing blob.
public sealed class DigestJsonConverter : JsonConverter<Digest>
{
    public override Digest Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonException("a digest must be a string");
        try
        {
            return Digest.Parse(reader.GetString()!);
        }
        catch (FormatException e)
        {
            throw new JsonException(e.Message);
        }
    }

    public override void Write(Utf8JsonWriter writer, Digest value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
