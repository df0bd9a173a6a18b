using System.Text.Json.Serialization;

namespace Berth.Oci.Image;

// Source-generated (AOT-safe) JSON for image documents. Names come from
// [JsonPropertyName] on each property, since these formats mix camelCase,
// snake_case and Docker's PascalCase.
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ImageConfig))]
[JsonSerializable(typeof(ImageManifest))]
[JsonSerializable(typeof(ImageIndex))]
[JsonSerializable(typeof(Descriptor))]
public sealed partial class ImageJsonContext : JsonSerializerContext;
