using System.Text.Json.Serialization;

namespace Berth.Api.Models.Images;

// Source-generated (AOT-safe) JSON for the Engine API's image shapes.
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ImageInspect))]
[JsonSerializable(typeof(List<ImageInspect>))]
[JsonSerializable(typeof(List<ImageSummary>))]
[JsonSerializable(typeof(List<HistoryItem>))]
[JsonSerializable(typeof(List<DeleteResponseItem>))]
[JsonSerializable(typeof(PruneResult))]
[JsonSerializable(typeof(SystemDiskUsage))]
[JsonSerializable(typeof(CheckReport))]
public sealed partial class ImagesJsonContext : JsonSerializerContext;

// The context to write these with: '+' in "20.10.24+dfsg1" or media types
// stays '+' (the default encoder writes \u002B), as Docker sends it.
public static class ImagesJson
{
    public static ImagesJsonContext Context { get; } = new(new System.Text.Json.JsonSerializerOptions
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    });
}
