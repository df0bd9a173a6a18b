using System.Globalization;
using System.Net.Http;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Berth.Api.Models;

namespace Berth.Client;

// Typed client of the Engine API over a unix socket. Call NegotiateAsync first (or let the first request do it):
// it agrees on the highest API version both sides speak, as Docker's clients do.
public sealed partial class BerthClient : IDisposable
{
    private readonly HttpClient _http;
    private ApiVersion? _version;
    private bool _versionAssumed;

    public BerthClient(DaemonAddress address, TimeSpan? timeout = null)
    {
        Address = address;
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancel) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(address.SocketPath), cancel).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        // The host name is never resolved: every connection goes to the socket.
        _http = new HttpClient(handler) { BaseAddress = new Uri("http://berth/"), Timeout = timeout ?? Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd($"Berth-Client/{ClientVersion}");
    }

    public DaemonAddress Address { get; }

    // From the build rather than read back through reflection, which costs every CLI start a fraction of a millisecond.
    public static string ClientVersion => BuildInfo.Version;

    // The version requests use once negotiated; the client's own maximum before that.
    public ApiVersion Version => _version ?? ApiVersion.Max;

    public async Task<PingResult> PingAsync(CancellationToken cancel = default)
    {
        using var response = await Send(HttpMethod.Get, "_ping", versioned: false, cancel).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw await ErrorMapping.FromResponse(response, cancel).ConfigureAwait(false);
        return new PingResult(
            ApiVersion.TryParse(Header(response, "Api-Version"), out var v) ? v : null,
            Header(response, "Ostype"),
            Header(response, "Docker-Experimental") == "true",
            Header(response, "Builder-Version"),
            Header(response, "Server"));
    }

    public async Task<ApiVersion> NegotiateAsync(CancellationToken cancel = default)
    {
        var ping = await PingAsync(cancel).ConfigureAwait(false);
        _version = Negotiate(ping.ApiVersion);
        _versionAssumed = false;
        return _version.Value;
    }

    // Speaks our own latest version without asking first, saving `run` a round trip before its first real request:
    // a Berth daemon as new as this client takes it, and an older one refuses it with "client version X is too new",
    // on which the request is sent again at the version negotiated then (see RetryAtNegotiatedVersion).
    public void AssumeLatestVersion()
    {
        _version = ApiVersion.Max;
        _versionAssumed = true;
    }

    // The daemon's answer to a version it does not speak yet (moby's and ours): worth one negotiation and a retry.
    internal static bool IsVersionTooNew(ClientException error) =>
        error.Status == 400 && error.Message.StartsWith("client version ", StringComparison.Ordinal)
        && error.Message.Contains(" is too new", StringComparison.Ordinal);

    private async Task<bool> RetryAtNegotiatedVersion(ClientException error, CancellationToken cancel)
    {
        if (!_versionAssumed || !IsVersionTooNew(error)) return false;
        await NegotiateAsync(cancel).ConfigureAwait(false);
        return true;
    }

    // The older of the daemon's version and ours; a daemon that does not say is assumed to be the oldest we speak.
    internal static ApiVersion Negotiate(ApiVersion? server)
    {
        if (server is not { } s) return ApiVersion.Min;
        return s < ApiVersion.Max ? s : ApiVersion.Max;
    }

    public Task<SystemVersion> GetVersionAsync(CancellationToken cancel = default) =>
        GetJson("version", ApiJsonContext.Default.SystemVersion, cancel);

    public Task<SystemInfo> GetInfoAsync(CancellationToken cancel = default) =>
        GetJson("info", ApiJsonContext.Default.SystemInfo, cancel);

    // Follows /events until the daemon ends the stream (at `until`) or the caller cancels.
    public async IAsyncEnumerable<EventMessage> GetEventsAsync(string? since, string? until,
        IReadOnlyDictionary<string, List<string>>? filters, [EnumeratorCancellation] CancellationToken cancel = default)
    {
        var query = new List<string>();
        if (!string.IsNullOrEmpty(since)) query.Add("since=" + Uri.EscapeDataString(since));
        if (!string.IsNullOrEmpty(until)) query.Add("until=" + Uri.EscapeDataString(until));
        if (filters is { Count: > 0 }) query.Add("filters=" + Uri.EscapeDataString(EncodeFilters(filters)));
        var path = "events" + (query.Count > 0 ? "?" + string.Join('&', query) : "");

        await foreach (var message in GetJsonLinesAsync(path, ApiJsonContext.Default.EventMessage, cancel).ConfigureAwait(false))
            yield return message;
    }

    // A streamed response of one JSON document per line (events, stats), read as the daemon writes it.
    internal async IAsyncEnumerable<T> GetJsonLinesAsync<T>(string path, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type,
        [EnumeratorCancellation] CancellationToken cancel)
    {
        using var response = await Send(HttpMethod.Get, path, versioned: true, cancel).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw await ErrorMapping.FromResponse(response, cancel).ConfigureAwait(false);
        await using var body = await response.Content.ReadAsStreamAsync(cancel).ConfigureAwait(false);
        using var reader = new StreamReader(body);
        while (await reader.ReadLineAsync(cancel).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0) continue;
            if (JsonSerializer.Deserialize(line, type) is { } item) yield return item;
        }
    }

    internal static string EncodeFilters(IReadOnlyDictionary<string, List<string>> filters)
    {
        var map = filters.ToDictionary(f => f.Key, f => f.Value.ToDictionary(v => v, _ => true));
        return JsonSerializer.Serialize(map, ApiJsonContext.Default.DictionaryStringDictionaryStringBoolean);
    }

    private async Task<T> GetJson<T>(string path, JsonTypeInfo<T> type, CancellationToken cancel)
    {
        using var response = await Send(HttpMethod.Get, path, versioned: true, cancel).ConfigureAwait(false);
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

    private async Task<HttpResponseMessage> Send(HttpMethod method, string path, bool versioned, CancellationToken cancel)
    {
        if (versioned && _version is null)
            await NegotiateAsync(cancel).ConfigureAwait(false);
        var uri = versioned ? string.Create(CultureInfo.InvariantCulture, $"v{Version}/{path}") : path;
        using var request = new HttpRequestMessage(method, uri);
        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException || e.HttpRequestError == HttpRequestError.ConnectionError)
        {
            throw new DaemonUnreachableException(Address.Host, e);
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    public void Dispose() => _http.Dispose();
}
