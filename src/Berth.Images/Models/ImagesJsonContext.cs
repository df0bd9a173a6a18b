using System.Text.Json.Serialization;
using Berth.Images.Archives;

namespace Berth.Images.Models;

// Source-generated (AOT-safe) JSON for the image store's documents and API shapes.
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ImageInspect))]
[JsonSerializable(typeof(List<ImageInspect>))]
[JsonSerializable(typeof(List<ImageSummary>))]
[JsonSerializable(typeof(List<HistoryItem>))]
[JsonSerializable(typeof(List<DeleteResponseItem>))]
[JsonSerializable(typeof(PruneResult))]
[JsonSerializable(typeof(ImageDiskUsage))]
[JsonSerializable(typeof(CheckReport))]
[JsonSerializable(typeof(List<ArchiveManifestEntry>))]
[JsonSerializable(typeof(Dictionary<string, Dictionary<string, string>>))]
public sealed partial class ImagesJsonContext : JsonSerializerContext;
