using System.Text.Json.Serialization;

namespace Berth.Api.Models.Images;

// berth system check (POST /berth/system/check, Berth's own endpoint): every problem found, and whether it was fixed.
public sealed class CheckReport
{
    [JsonPropertyName("Problems")] public List<string> Problems { get; set; } = [];
    [JsonPropertyName("Repaired")] public bool Repaired { get; set; }

    public int Count => Problems.Count;
}
