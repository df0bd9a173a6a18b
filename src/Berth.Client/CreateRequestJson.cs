using System.Text.Json.Serialization;
using Berth.Api.Models.Containers;

namespace Berth.Client;

// The create request, written by generated code alone. It is the first body `run` and `create` send, and the
// metadata-mode context (which a reader needs) would first build the property metadata of the request and its
// HostConfig in the CLI process: milliseconds of every run. The generated code runs only with the options it was
// generated for, so this writes with the default encoder: "&" is "\u0026" here, the same string to the daemon.
// Still about 0.6 ms of every run: the generated code writes a nullable number (HostConfig.MemorySwappiness, -1 as
// docker sends it) through its JsonTypeInfo, whose first use builds converters, reads Nullable's attributes and
// wakes reflection's assembly binder; only writing HostConfig by hand would avoid that.
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never, GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(ContainerCreateRequest))]
internal sealed partial class CreateRequestJsonContext : JsonSerializerContext;

// The body bytes, written by the generated handler called directly: going through JsonSerializer would first build
// the request's JsonTypeInfo (its properties, and its polymorphism read from attributes by reflection), over a
// millisecond of every `berth run` for metadata the handler never consults.
internal sealed partial class CreateRequestJsonContext
{
    public static byte[] Serialize(ContainerCreateRequest request)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096);
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
            Default.ContainerCreateRequestSerializeHandler(writer, request);
        return buffer.WrittenSpan.ToArray();
    }
}
