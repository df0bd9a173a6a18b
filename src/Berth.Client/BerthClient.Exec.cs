using System.Net.Http;
using System.Text.Json;
using Berth.Api.Models.Containers;
using Berth.Client.Hijack;

namespace Berth.Client;

// The /exec endpoints: create an exec instance in a running container, start it (hijacked unless detached),
// resize its TTY and read its exit code.
public sealed partial class BerthClient
{
    public Task<IdResponse> CreateExecAsync(string container, ExecConfig config, CancellationToken cancel = default) =>
        CallJsonAsync(HttpMethod.Post, $"containers/{Escape(container)}/exec", Json(config, Wire.ExecConfig), Wire.IdResponse, cancel);

    public Task<HijackedConnection> StartExecAttachedAsync(string execId, ExecStartConfig config, CancellationToken cancel = default) =>
        HijackAsync("POST", $"exec/{Escape(execId)}/start", JsonSerializer.SerializeToUtf8Bytes(config, Wire.ExecStartConfig), cancel);

    public async Task StartExecDetachedAsync(string execId, ExecStartConfig config, CancellationToken cancel = default)
    {
        using var response = await SendCheckedAsync(HttpMethod.Post, $"exec/{Escape(execId)}/start", Json(config, Wire.ExecStartConfig), cancel).ConfigureAwait(false);
    }

    public Task<ExecInspect> InspectExecAsync(string execId, CancellationToken cancel = default) =>
        CallJsonAsync(HttpMethod.Get, $"exec/{Escape(execId)}/json", null, Wire.ExecInspect, cancel);

    public Task ResizeExecAsync(string execId, int height, int width, CancellationToken cancel = default) =>
        SendNoAnswerAsync(HttpMethod.Post, $"exec/{Escape(execId)}/resize" + Query(("h", Number(height)), ("w", Number(width))), cancel);
}
