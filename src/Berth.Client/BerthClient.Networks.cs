using System.Net.Http;
using Berth.Api.Models.Networks;

namespace Berth.Client;

// The /networks endpoints.
public sealed partial class BerthClient
{
    public Task<NetworkCreateResponse> CreateNetworkAsync(NetworkCreateRequest request, CancellationToken cancel = default) =>
        CallJsonAsync(HttpMethod.Post, "networks/create", Json(request, Wire.NetworkCreateRequest), Wire.NetworkCreateResponse, cancel);

    public Task<List<NetworkResource>> ListNetworksAsync(IReadOnlyDictionary<string, List<string>>? filters, CancellationToken cancel = default) =>
        CallJsonAsync(HttpMethod.Get, "networks" + Query(("filters", filters is { Count: > 0 } ? EncodeFilters(filters) : null)), null, Wire.ListNetworkResource, cancel);

    public Task<NetworkResource> InspectNetworkAsync(string idOrName, CancellationToken cancel = default) =>
        CallJsonAsync(HttpMethod.Get, $"networks/{Escape(idOrName)}", null, Wire.NetworkResource, cancel);

    public Task RemoveNetworkAsync(string idOrName, CancellationToken cancel = default) =>
        SendNoAnswerAsync(HttpMethod.Delete, $"networks/{Escape(idOrName)}", cancel);

    public Task<NetworkPruneResponse> PruneNetworksAsync(IReadOnlyDictionary<string, List<string>>? filters, CancellationToken cancel = default) =>
        CallJsonAsync(HttpMethod.Post, "networks/prune" + Query(("filters", filters is { Count: > 0 } ? EncodeFilters(filters) : null)), null, Wire.NetworkPruneResponse, cancel);

    public async Task ConnectNetworkAsync(string idOrName, NetworkConnectRequest request, CancellationToken cancel = default)
    {
        using var response = await SendCheckedAsync(HttpMethod.Post, $"networks/{Escape(idOrName)}/connect", Json(request, Wire.NetworkConnectRequest), cancel).ConfigureAwait(false);
    }

    public async Task DisconnectNetworkAsync(string idOrName, NetworkDisconnectRequest request, CancellationToken cancel = default)
    {
        using var response = await SendCheckedAsync(HttpMethod.Post, $"networks/{Escape(idOrName)}/disconnect", Json(request, Wire.NetworkDisconnectRequest), cancel).ConfigureAwait(false);
    }
}
