using System.Text.Json.Serialization;

namespace Berth.Api.Models;

// One line of GET /events.
public sealed class EventMessage
{
    public string Type { get; set; } = "";
    public string Action { get; set; } = "";
    public EventActor Actor { get; set; } = new();
    [JsonPropertyName("scope")]
    public string Scope { get; set; } = "local";
    [JsonPropertyName("time")]
    public long Time { get; set; }
    [JsonPropertyName("timeNano")]
    public long TimeNano { get; set; }
}

public sealed class EventActor
{
    public string ID { get; set; } = "";
    public Dictionary<string, string> Attributes { get; set; } = [];
}
