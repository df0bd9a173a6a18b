using System.Globalization;
using System.Net.Http;
using Berth.Api.Models.Containers;
using Berth.Client.Hijack;

namespace Berth.Client;

// The /containers endpoints, called with the query parameters and bodies the docker CLI sends.
public sealed partial class BerthClient
{
    private static ContainersJsonContext Wire => ContainersJson.Context;

    public Task<ContainerCreateResponse> CreateContainerAsync(ContainerCreateRequest request, string? name, string? platform, CancellationToken cancel = default) =>
        CallJsonAsync(HttpMethod.Post, "containers/create" + Query(("name", Empty(name)), ("platform", Empty(platform))),
            JsonBytes(CreateRequestWriter.Serialize(request)), Wire.ContainerCreateResponse, cancel);

    public Task StartContainerAsync(string id, CancellationToken cancel = default) =>
        SendNoAnswerAsync(HttpMethod.Post, $"containers/{Escape(id)}/start", cancel);

    public Task StopContainerAsync(string id, int? timeout, string? signal, CancellationToken cancel = default) =>
        SendNoAnswerAsync(HttpMethod.Post, $"containers/{Escape(id)}/stop" + Query(("signal", Empty(signal)), ("t", Number(timeout))), cancel);

    public Task RestartContainerAsync(string id, int? timeout, string? signal, CancellationToken cancel = default) =>
        SendNoAnswerAsync(HttpMethod.Post, $"containers/{Escape(id)}/restart" + Query(("signal", Empty(signal)), ("t", Number(timeout))), cancel);

    public Task KillContainerAsync(string id, string? signal, CancellationToken cancel = default) =>
        SendNoAnswerAsync(HttpMethod.Post, $"containers/{Escape(id)}/kill" + Query(("signal", Empty(signal))), cancel);

    public Task PauseContainerAsync(string id, CancellationToken cancel = default) =>
        SendNoAnswerAsync(HttpMethod.Post, $"containers/{Escape(id)}/pause", cancel);

    public Task UnpauseContainerAsync(string id, CancellationToken cancel = default) =>
        SendNoAnswerAsync(HttpMethod.Post, $"containers/{Escape(id)}/unpause", cancel);

    public Task RenameContainerAsync(string id, string newName, CancellationToken cancel = default) =>
        SendNoAnswerAsync(HttpMethod.Post, $"containers/{Escape(id)}/rename" + Query(("name", newName)), cancel);

    public Task RemoveContainerAsync(string id, bool force, bool volumes, bool link, CancellationToken cancel = default) =>
        SendNoAnswerAsync(HttpMethod.Delete, $"containers/{Escape(id)}" + Query(("force", Flag(force)), ("link", Flag(link)), ("v", Flag(volumes))), cancel);

    // condition: "not-running" (default), "next-exit" or "removed"; returns when the container gets there.
    public Task<ContainerWaitResponse> WaitContainerAsync(string id, string? condition, CancellationToken cancel = default) =>
        CallJsonAsync(HttpMethod.Post, $"containers/{Escape(id)}/wait" + Query(("condition", Empty(condition))), null, Wire.ContainerWaitResponse, cancel);

    public Task<ContainerInspect> InspectContainerAsync(string id, bool size = false, CancellationToken cancel = default) =>
        CallJsonAsync(HttpMethod.Get, $"containers/{Escape(id)}/json" + Query(("size", Flag(size))), null, Wire.ContainerInspect, cancel);

    public Task<List<ContainerSummary>> ListContainersAsync(bool all, int? limit, bool size, IReadOnlyDictionary<string, List<string>>? filters, CancellationToken cancel = default) =>
        CallJsonAsync(HttpMethod.Get, "containers/json" + Query(("all", Flag(all)), ("limit", Number(limit)), ("size", Flag(size)),
            ("filters", filters is { Count: > 0 } ? EncodeFilters(filters) : null)), null, Wire.ListContainerSummary, cancel);

    public Task<ContainerUpdateResponse> UpdateContainerAsync(string id, ContainerUpdate update, CancellationToken cancel = default) =>
        CallJsonAsync(HttpMethod.Post, $"containers/{Escape(id)}/update", Json(update, Wire.ContainerUpdate), Wire.ContainerUpdateResponse, cancel);

    public Task<ContainerTopResponse> TopContainerAsync(string id, string? psArgs, CancellationToken cancel = default) =>
        CallJsonAsync(HttpMethod.Get, $"containers/{Escape(id)}/top" + Query(("ps_args", Empty(psArgs))), null, Wire.ContainerTopResponse, cancel);

    public Task<ContainerPruneResponse> PruneContainersAsync(IReadOnlyDictionary<string, List<string>>? filters, CancellationToken cancel = default) =>
        CallJsonAsync(HttpMethod.Post, "containers/prune" + Query(("filters", filters is { Count: > 0 } ? EncodeFilters(filters) : null)), null, Wire.ContainerPruneResponse, cancel);

    public Task ResizeContainerAsync(string id, int height, int width, CancellationToken cancel = default) =>
        SendNoAnswerAsync(HttpMethod.Post, $"containers/{Escape(id)}/resize" + Query(("h", Number(height)), ("w", Number(width))), cancel);

    // The log stream: framed (see StreamDemultiplexer) unless the container has a TTY. Dispose it to stop following.
    public async Task<Stream> GetContainerLogsAsync(string id, ContainerLogsOptions options, CancellationToken cancel = default)
    {
        var response = await SendCheckedAsync(HttpMethod.Get, $"containers/{Escape(id)}/logs" + Query(
            ("details", Flag(options.Details)), ("follow", Flag(options.Follow)), ("since", Empty(options.Since)),
            ("stderr", "1"), ("stdout", "1"), ("tail", Empty(options.Tail)), ("timestamps", Flag(options.Timestamps)),
            ("until", Empty(options.Until))), null, cancel).ConfigureAwait(false);
        return await response.Content.ReadAsStreamAsync(cancel).ConfigureAwait(false);
    }

    // POST /containers/{id}/attach, upgraded to a raw stream.
    public Task<HijackedConnection> AttachContainerAsync(string id, bool stdin, bool stdout, bool stderr, string? detachKeys, CancellationToken cancel = default) =>
        HijackAsync("POST", $"containers/{Escape(id)}/attach" + Query(("detachKeys", Empty(detachKeys)), ("stderr", Flag(stderr)),
            ("stdin", Flag(stdin)), ("stdout", Flag(stdout)), ("stream", "1")), null, cancel);

    private async Task<HijackedConnection> HijackAsync(string method, string path, byte[]? body, CancellationToken cancel)
    {
        if (_version is null)
            await NegotiateAsync(cancel).ConfigureAwait(false);
        while (true)
        {
            var request = HijackRequest.Build(method, VersionedPath(path), $"Berth-Client/{ClientVersion}", body);
            ClientException error;
            try
            {
                return await HijackedConnection.OpenAsync(Address, request, cancel).ConfigureAwait(false);
            }
            catch (ClientException e)
            {
                error = e;
            }
            if (!await RetryAtNegotiatedVersion(error, cancel).ConfigureAwait(false)) throw error;
        }
    }

    private static string? Empty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string? Flag(bool value) => value ? "1" : null;

    private static string? Number(int? value) => value?.ToString(CultureInfo.InvariantCulture);
}

public sealed record ContainerLogsOptions(bool Follow, string? Tail, string? Since, string? Until, bool Timestamps, bool Details);
