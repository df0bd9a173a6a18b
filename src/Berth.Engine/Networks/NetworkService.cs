using Berth.Api.Models.Containers;
using Berth.Api.Models.Networks;

namespace Berth.Engine.Networks;

// The /networks endpoints' view of the engine: user networks and the built-in bridge, host and none.
public sealed partial class NetworkService
{
    public NetworkCreateResponse Create(NetworkCreateRequest request) => throw NotYet();

    public List<NetworkResource> List(IReadOnlyDictionary<string, IReadOnlyList<string>> filters) => throw NotYet();

    public NetworkResource Inspect(string idOrName) => throw NotYet();

    public void Remove(string idOrName) => throw NotYet();

    public NetworkPruneResponse Prune(IReadOnlyDictionary<string, IReadOnlyList<string>> filters) => throw NotYet();

    public void Connect(string idOrName, string container, EndpointSettings? endpoint) => throw NotYet();

    public void Disconnect(string idOrName, string container, bool force) => throw NotYet();

    private static NetworkException NotYet() => new(501, "networks are not supported yet");
}
