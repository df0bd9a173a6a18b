using System.Text.Json.Serialization;

namespace Berth.Api.Models;

// Every error body the Engine API sends: clients show Message as is.
public sealed class ErrorResponse
{
    [JsonPropertyName("message")]
    public string Message { get; set; } = "";
}
