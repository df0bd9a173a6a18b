using System.Net.Http;
using Berth.Api.Models.Containers;

namespace Berth.Client;

// The /volumes endpoints.
public sealed partial class BerthClient
{
    public Task<Volume> CreateVolumeAsync(VolumeCreateRequest request, CancellationToken cancel = default) =>
        CallJsonAsync(HttpMethod.Post, "volumes/create", Json(request, Wire.VolumeCreateRequest), Wire.Volume, cancel);

    public Task<VolumeListResponse> ListVolumesAsync(IReadOnlyDictionary<string, List<string>>? filters, CancellationToken cancel = default) =>
        CallJsonAsync(HttpMethod.Get, "volumes" + Query(("filters", filters is { Count: > 0 } ? EncodeFilters(filters) : null)), null, Wire.VolumeListResponse, cancel);

    public Task<Volume> InspectVolumeAsync(string name, CancellationToken cancel = default) =>
        CallJsonAsync(HttpMethod.Get, $"volumes/{Escape(name)}", null, Wire.Volume, cancel);

    public Task RemoveVolumeAsync(string name, bool force, CancellationToken cancel = default) =>
        SendNoAnswerAsync(HttpMethod.Delete, $"volumes/{Escape(name)}" + Query(("force", Flag(force))), cancel);

    public Task<VolumePruneResponse> PruneVolumesAsync(IReadOnlyDictionary<string, List<string>>? filters, CancellationToken cancel = default) =>
        CallJsonAsync(HttpMethod.Post, "volumes/prune" + Query(("filters", filters is { Count: > 0 } ? EncodeFilters(filters) : null)), null, Wire.VolumePruneResponse, cancel);
}
