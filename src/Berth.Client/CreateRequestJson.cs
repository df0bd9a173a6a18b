using System.Text.Json.Serialization;
using Berth.Api.Models.Containers;

namespace Berth.Client;

// The create request, written by generated code alone. It is the first body `run` and `create` send, and the
// metadata-mode context (which a reader needs) would first build the property metadata of the request and its
// HostConfig in the CLI process: milliseconds of every run. The generated code runs only with the options it was
// generated for, so this writes with the default encoder: "&" is "\u0026" here, the same string to the daemon.
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never, GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(ContainerCreateRequest))]
internal sealed partial class CreateRequestJsonContext : JsonSerializerContext;
