namespace Berth.Engine.Events;

// Something that happened in the engine, as the Engine API's /events reports it.
public sealed record EngineEvent(
    string Type,
    string Action,
    string ActorId,
    IReadOnlyDictionary<string, string> Attributes,
    long TimeNano,
    string Scope = "local");
