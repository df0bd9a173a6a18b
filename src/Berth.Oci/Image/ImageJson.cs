using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Berth.Oci.Image;

// The context to write image documents with. The default encoder escapes '+'
// as \u002B, which turns "tar+gzip" media types into something no person or
// tool expects to grep for; the relaxed encoder writes them as Docker does.
public static class ImageJson
{
    public static ImageJsonContext Context { get; } = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    });
}
