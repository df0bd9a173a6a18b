using System.Text.Json.Serialization;

namespace Berth.Api.Models.Images;

// One row of GET /images/{name}/history, newest first.
public sealed class HistoryItem
{
    // The image ID on the newest row, "<missing>" on the others (no parent images).
    [JsonPropertyName("Id")] public string Id { get; set; } = "<missing>";
    [JsonPropertyName("Created")] public long Created { get; set; }
    [JsonPropertyName("CreatedBy")] public string CreatedBy { get; set; } = "";
    [JsonPropertyName("Tags")] public List<string>? Tags { get; set; }
    [JsonPropertyName("Size")] public long Size { get; set; }
    [JsonPropertyName("Comment")] public string Comment { get; set; } = "";
}
