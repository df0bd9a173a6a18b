using System.Globalization;
using System.Text.Json;
using Berth.Api.Models;
using Berth.Api.Models.Containers;
using Berth.Client.Hijack;
using Berth.Client.Http;

namespace Berth.Client;

// The calls `berth run` makes, each on a connection of its own with blocking socket calls on the calling thread
// (see BlockingExchange). BerthClient's HttpClient starts thread-pool workers, a timer thread and the socket event
// thread in every process that uses it, milliseconds of CPU for a command that waits for one answer at a time.
// Versions as BerthClient: negotiated by a _ping, or assumed and renegotiated when the daemon finds them too new.
public sealed class BlockingClient(DaemonAddress address)
{
    private const int MaxAnswerLength = 16 * 1024 * 1024;
    private const int MaxErrorLength = 64 * 1024;
    private ApiVersion? _version;
    private bool _versionAssumed;

    public DaemonAddress Address => address;

    public ApiVersion Version => _version ?? ApiVersion.Max;

    // See BerthClient.AssumeLatestVersion.
    public void AssumeLatestVersion()
    {
        _version = ApiVersion.Max;
        _versionAssumed = true;
    }

    public ApiVersion Negotiate(CancellationToken cancel = default)
    {
        using var exchange = BlockingExchange.Send(address, Request("GET", "/_ping", null), cancel);
        if (!exchange.Head.IsSuccess)
            throw ErrorMapping.FromBody(exchange.Head.Status, ResponseBody.ReadText(exchange.OpenBody(), MaxErrorLength));
        _version = BerthClient.Negotiate(ApiVersion.TryParse(exchange.Head.Header("Api-Version"), out var v) ? v : null);
        _versionAssumed = false;
        return _version.Value;
    }

    public ContainerCreateResponse CreateContainer(ContainerCreateRequest request, string? name, string? platform, CancellationToken cancel = default)
    {
        var path = "containers/create" + BerthClient.Query(("name", Empty(name)), ("platform", Empty(platform)));
        using var exchange = SendChecked("POST", path, CreateRequestWriter.Serialize(request), cancel);
        return ReadJson(exchange, path, RunAnswers.ReadCreated);
    }

    public void StartContainer(string id, CancellationToken cancel = default) =>
        SendChecked("POST", $"containers/{BerthClient.Escape(id)}/start", null, cancel).Dispose();

    public void KillContainer(string id, string? signal, CancellationToken cancel = default) =>
        SendChecked("POST", $"containers/{BerthClient.Escape(id)}/kill" + BerthClient.Query(("signal", Empty(signal))), null, cancel).Dispose();

    public void ResizeContainer(string id, int height, int width, CancellationToken cancel = default) =>
        SendChecked("POST", $"containers/{BerthClient.Escape(id)}/resize" + BerthClient.Query(
            ("h", height.ToString(CultureInfo.InvariantCulture)), ("w", width.ToString(CultureInfo.InvariantCulture))), null, cancel).Dispose();

    // Registers the wait: the daemon answers its head at once and the body when the container gets to the condition
    // ("next-exit", "removed", "not-running"), so an exit right after a later start is not missed.
    public PendingWait BeginWait(string id, string? condition, CancellationToken cancel = default)
    {
        var path = $"containers/{BerthClient.Escape(id)}/wait" + BerthClient.Query(("condition", Empty(condition)));
        return new PendingWait(SendChecked("POST", path, null, cancel), path);
    }

    // POST /containers/{id}/attach, upgraded to a raw stream.
    public HijackedConnection AttachContainer(string id, bool stdin, bool stdout, bool stderr, string? detachKeys, CancellationToken cancel = default)
    {
        var path = $"containers/{BerthClient.Escape(id)}/attach" + BerthClient.Query(("detachKeys", Empty(detachKeys)),
            ("stderr", Flag(stderr)), ("stdin", Flag(stdin)), ("stdout", Flag(stdout)), ("stream", "1"));
        EnsureVersion(cancel);
        while (true)
        {
            try
            {
                return HijackedConnection.Open(address, HijackRequest.Build("POST", VersionedPath(path), UserAgent, null), cancel);
            }
            catch (ClientException e) when (ShouldRetry(e, cancel))
            {
            }
        }
    }

    // The answer's head in, a refusal turned into its ClientException (after one renegotiation if the version was
    // only assumed and the daemon found it too new).
    private BlockingExchange SendChecked(string method, string path, byte[]? body, CancellationToken cancel)
    {
        EnsureVersion(cancel);
        while (true)
        {
            var exchange = BlockingExchange.Send(address, Request(method, VersionedPath(path), body), cancel);
            if (exchange.Head.IsSuccess || exchange.Head.Status == 304) return exchange;
            ClientException error;
            using (exchange)
                error = ErrorMapping.FromBody(exchange.Head.Status, ResponseBody.ReadText(exchange.OpenBody(), MaxErrorLength));
            if (!ShouldRetry(error, cancel)) throw error;
        }
    }

    private void EnsureVersion(CancellationToken cancel)
    {
        if (_version is null) Negotiate(cancel);
    }

    private bool ShouldRetry(ClientException error, CancellationToken cancel)
    {
        if (!_versionAssumed || !BerthClient.IsVersionTooNew(error)) return false;
        Negotiate(cancel);
        return true;
    }

    internal delegate T AnswerReader<T>(ReadOnlySpan<byte> json);

    internal static T ReadJson<T>(BlockingExchange exchange, string path, AnswerReader<T> read)
    {
        var status = exchange.Head.Status;
        using var body = exchange.OpenBody();
        try
        {
            return read(ResponseBody.ReadAll(body, MaxAnswerLength));
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw new ClientException(status, $"the daemon sent an unreadable answer to {path}: {e.Message}");
        }
    }

    private static byte[] Request(string method, string path, byte[]? body) =>
        RequestBuilder.Build(method, path, UserAgent, body is null ? null : "application/json", "Connection: close\r\n", body);

    private static string UserAgent => "Berth-Client/" + BerthClient.ClientVersion;

    private string VersionedPath(string path) => "/v" + Version.ToString() + "/" + path;

    private static string? Empty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string? Flag(bool value) => value ? "1" : null;
}
