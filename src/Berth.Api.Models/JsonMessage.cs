using System.Text.Json.Serialization;

namespace Berth.Api.Models;

// One line of a JSON progress stream (load, import, pull): docker's jsonmessage, of which clients print
// `stream` as is and `status` as a line, and stop with an error when `error` is set.
public sealed class JsonMessage
{
    [JsonPropertyName("stream"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Stream { get; set; }
    [JsonPropertyName("status"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Status { get; set; }
    [JsonPropertyName("error"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Error { get; set; }
    [JsonPropertyName("errorDetail"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public JsonError? ErrorDetail { get; set; }
}

public sealed class JsonError
{
    [JsonPropertyName("message")] public string Message { get; set; } = "";
}
