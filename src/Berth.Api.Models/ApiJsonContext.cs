using System.Text.Json.Serialization;

namespace Berth.Api.Models;

// Source-generated (AOT-safe) serialisation of every Engine API body. Names are written as declared,
// because the Engine API mixes PascalCase with a few lower-case keys (set per property).
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(SystemVersion))]
[JsonSerializable(typeof(SystemInfo))]
[JsonSerializable(typeof(EventMessage))]
[JsonSerializable(typeof(JsonMessage))]
[JsonSerializable(typeof(Dictionary<string, Dictionary<string, bool>>))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
