using System.Net.Http;
using System.Text;
using System.Text.Json;
using Berth.Api.Models.Containers;

namespace Berth.Client;

// docker cp, diff, export and commit: the archive and changes endpoints of a container, and POST /commit.
public sealed partial class BerthClient
{
    public const string PathStatHeader = "X-Docker-Container-Path-Stat";

    // GET /containers/{id}/changes.
    public Task<List<ContainerChange>> ContainerChangesAsync(string container, CancellationToken cancel = default) =>
        CallJsonAsync(HttpMethod.Get, $"containers/{Escape(container)}/changes", null, ContainersJson.Context.ListContainerChange, cancel);

    // GET /containers/{id}/export: the caller disposes the stream.
    public async Task<Stream> ExportContainerAsync(string container, CancellationToken cancel = default)
    {
        var response = await SendCheckedAsync(HttpMethod.Get, $"containers/{Escape(container)}/export", null, cancel).ConfigureAwait(false);
        return new ResponseStream(response, await response.Content.ReadAsStreamAsync(cancel).ConfigureAwait(false));
    }

    // POST /commit: returns the new image's ID.
    public async Task<string> CommitContainerAsync(string container, string? repository, string? tag, string? comment,
        string? author, bool pause, IReadOnlyList<string> changes, CancellationToken cancel = default)
    {
        var query = new List<string> { "container=" + Escape(container), "pause=" + (pause ? "1" : "0") };
        if (!string.IsNullOrEmpty(repository)) query.Add("repo=" + Escape(repository));
        if (!string.IsNullOrEmpty(tag)) query.Add("tag=" + Escape(tag));
        if (!string.IsNullOrEmpty(comment)) query.Add("comment=" + Escape(comment));
        if (!string.IsNullOrEmpty(author)) query.Add("author=" + Escape(author));
        foreach (var change in changes) query.Add("changes=" + Escape(change));
        var result = await CallJsonAsync(HttpMethod.Post, "commit?" + string.Join('&', query),
            Json(new ContainerConfig(), ContainersJson.Context.ContainerConfig), ContainersJson.Context.IdResponse, cancel).ConfigureAwait(false);
        return result.Id;
    }

    // HEAD /containers/{id}/archive: the stat of a path in the container.
    public async Task<ContainerPathStat> StatContainerPathAsync(string container, string path, CancellationToken cancel = default)
    {
        using var response = await SendCheckedAsync(HttpMethod.Head, ArchivePath(container, path), null, cancel).ConfigureAwait(false);
        return DecodeStat(response);
    }

    // GET /containers/{id}/archive: the path's stat and its tar; the caller disposes the stream.
    public async Task<(ContainerPathStat Stat, Stream Tar)> GetContainerArchiveAsync(string container, string path, CancellationToken cancel = default)
    {
        var response = await SendCheckedAsync(HttpMethod.Get, ArchivePath(container, path), null, cancel).ConfigureAwait(false);
        try
        {
            var stat = DecodeStat(response);
            return (stat, new ResponseStream(response, await response.Content.ReadAsStreamAsync(cancel).ConfigureAwait(false)));
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    // PUT /containers/{id}/archive: unpacks the tar into the directory path of the container.
    public async Task PutContainerArchiveAsync(string container, string path, Stream tar, bool noOverwriteDirNonDir,
        bool copyUidGid, CancellationToken cancel = default)
    {
        var query = ArchivePath(container, path) + (noOverwriteDirNonDir ? "&noOverwriteDirNonDir=true" : "") + (copyUidGid ? "&copyUIDGID=true" : "");
        using var response = await SendBody(HttpMethod.Put, query, tar, cancel).ConfigureAwait(false);
    }

    private static string ArchivePath(string container, string path) => $"containers/{Escape(container)}/archive?path={Escape(path)}";

    private static ContainerPathStat DecodeStat(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues(PathStatHeader, out var values))
            throw new ClientException((int)response.StatusCode, "the daemon sent no path stat header");
        try
        {
            var json = Convert.FromBase64String(values.First());
            return JsonSerializer.Deserialize(json, ContainerPathStatJsonContext.Default.ContainerPathStat)
                ?? throw new ClientException((int)response.StatusCode, "the daemon sent an empty path stat header");
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw new ClientException((int)response.StatusCode, $"the daemon sent an unreadable path stat header: {e.Message}");
        }
    }
}
