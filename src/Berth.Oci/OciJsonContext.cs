using System.Text.Json.Serialization;
using Berth.Oci.Runtime;

namespace Berth.Oci;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(RuntimeSpec))]
[JsonSerializable(typeof(ContainerState))]
[JsonSerializable(typeof(ProcessSpec))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(SeccompSpec))]
public sealed partial class OciJsonContext : JsonSerializerContext;
