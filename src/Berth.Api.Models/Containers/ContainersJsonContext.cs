using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Berth.Api.Models.Networks;

namespace Berth.Api.Models.Containers;

// Source-generated (AOT-safe) JSON for the container, exec, volume and network endpoints. Nulls are written, as Docker
// writes them ("Entrypoint": null), so clients that test for presence see what they see from Docker.
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ContainerConfig))]
[JsonSerializable(typeof(ContainerCreateRequest))]
[JsonSerializable(typeof(ContainerCreateResponse))]
[JsonSerializable(typeof(HostConfig))]
[JsonSerializable(typeof(ContainerInspect))]
[JsonSerializable(typeof(List<ContainerSummary>))]
[JsonSerializable(typeof(ContainerWaitResponse))]
[JsonSerializable(typeof(ContainerTopResponse))]
[JsonSerializable(typeof(List<ContainerChange>))]
[JsonSerializable(typeof(ContainerUpdate))]
[JsonSerializable(typeof(ContainerUpdateResponse))]
[JsonSerializable(typeof(ContainerPruneResponse))]
[JsonSerializable(typeof(ExecConfig))]
[JsonSerializable(typeof(ExecInspect))]
[JsonSerializable(typeof(ExecStartConfig))]
[JsonSerializable(typeof(IdResponse))]
[JsonSerializable(typeof(Volume))]
[JsonSerializable(typeof(VolumeCreateRequest))]
[JsonSerializable(typeof(VolumeListResponse))]
[JsonSerializable(typeof(VolumePruneResponse))]
[JsonSerializable(typeof(NetworkResource))]
[JsonSerializable(typeof(List<NetworkResource>))]
[JsonSerializable(typeof(NetworkCreateRequest))]
[JsonSerializable(typeof(NetworkCreateResponse))]
[JsonSerializable(typeof(NetworkConnectRequest))]
[JsonSerializable(typeof(NetworkDisconnectRequest))]
[JsonSerializable(typeof(NetworkPruneResponse))]
public sealed partial class ContainersJsonContext : JsonSerializerContext;

// The context to write these with: only what JSON requires is escaped ("a&b" in a label stays as written).
public static class ContainersJson
{
    public static ContainersJsonContext Context { get; } = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
