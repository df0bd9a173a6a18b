using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Berth.Api.Models.Images;

namespace Berth.Client;

// The image endpoints that send and receive small JSON bodies (list, inspect, history, tag, remove, prune, df, check).
public sealed partial class BerthClient
{
    public Task<List<ImageSummary>> ListImagesAsync(bool all, bool digests, IReadOnlyDictionary<string, List<string>>? filters,
        CancellationToken cancel = default)
    {
        var query = new List<string>();
        if (all) query.Add("all=1");
        if (digests) query.Add("digests=1");
        if (filters is { Count: > 0 }) query.Add("filters=" + Uri.EscapeDataString(EncodeFilters(filters)));
        return GetJson("images/json" + Query(query), ImagesJsonContext.Default.ListImageSummary, cancel);
    }

    public Task<ImageInspect> InspectImageAsync(string name, CancellationToken cancel = default) =>
        GetJson($"images/{name}/json", ImagesJsonContext.Default.ImageInspect, cancel);

    public Task<List<HistoryItem>> ImageHistoryAsync(string name, CancellationToken cancel = default) =>
        GetJson($"images/{name}/history", ImagesJsonContext.Default.ListHistoryItem, cancel);

    public Task<SystemDiskUsage> DiskUsageAsync(CancellationToken cancel = default) =>
        GetJson("system/df", ImagesJsonContext.Default.SystemDiskUsage, cancel);

    public async Task TagImageAsync(string source, string repository, string? tag, CancellationToken cancel = default)
    {
        var query = new List<string> { "repo=" + Uri.EscapeDataString(repository) };
        if (!string.IsNullOrEmpty(tag)) query.Add("tag=" + Uri.EscapeDataString(tag));
        using var response = await Send(HttpMethod.Post, $"images/{source}/tag" + Query(query), versioned: true, cancel).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw await ErrorMapping.FromResponse(response, cancel).ConfigureAwait(false);
    }

    public Task<List<DeleteResponseItem>> RemoveImageAsync(string name, bool force, bool noPrune, CancellationToken cancel = default)
    {
        var query = new List<string>();
        if (force) query.Add("force=1");
        if (noPrune) query.Add("noprune=1");
        return SendJson(HttpMethod.Delete, $"images/{name}" + Query(query), ImagesJsonContext.Default.ListDeleteResponseItem, cancel);
    }

    public Task<PruneResult> PruneImagesAsync(IReadOnlyDictionary<string, List<string>>? filters, CancellationToken cancel = default)
    {
        var path = "images/prune" + (filters is { Count: > 0 } ? "?filters=" + Uri.EscapeDataString(EncodeFilters(filters)) : "");
        return SendJson(HttpMethod.Post, path, ImagesJsonContext.Default.PruneResult, cancel);
    }

    // Berth's own endpoint; not versioned like the Engine API's paths.
    public Task<CheckReport> SystemCheckAsync(bool repair, CancellationToken cancel = default) =>
        SendJson(HttpMethod.Post, "berth/system/check" + (repair ? "?repair=1" : ""), ImagesJsonContext.Default.CheckReport, cancel, versioned: false);

    private static string Query(List<string> parts) => parts.Count > 0 ? "?" + string.Join('&', parts) : "";

    private async Task<T> SendJson<T>(HttpMethod method, string path, JsonTypeInfo<T> type, CancellationToken cancel, bool versioned = true)
    {
        using var response = await Send(method, path, versioned, cancel).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw await ErrorMapping.FromResponse(response, cancel).ConfigureAwait(false);
        var body = await response.Content.ReadAsStreamAsync(cancel).ConfigureAwait(false);
        try
        {
            return await JsonSerializer.DeserializeAsync(body, type, cancel).ConfigureAwait(false)
                ?? throw new ClientException((int)response.StatusCode, $"the daemon sent an empty answer to {path}");
        }
        catch (JsonException e)
        {
            throw new ClientException((int)response.StatusCode, $"the daemon sent an unreadable answer to {path}: {e.Message}");
        }
    }
}
