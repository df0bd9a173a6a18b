using System.Text.Json.Serialization;
using Berth.Images.Archives;

namespace Berth.Images.Models;

// Source-generated (AOT-safe) JSON for the image store's own documents (the API shapes are in Berth.Api.Models.Images).
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ImageDiskUsage))]
[JsonSerializable(typeof(List<ArchiveManifestEntry>))]
[JsonSerializable(typeof(Dictionary<string, Dictionary<string, string>>))]
public sealed partial class StoreJsonContext : JsonSerializerContext;

// The context to write these with: '+' in media types stays '+' (the default encoder writes \u002B), as Docker writes it.
public static class StoreJson
{
    public static StoreJsonContext Context { get; } = new(new System.Text.Json.JsonSerializerOptions
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    });
}
