using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Berth.Client;

// Requests with query strings and JSON bodies, shared by the container, exec and volume calls.
public sealed partial class BerthClient
{
    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancel)
    {
        if (_version is null)
            await NegotiateAsync(cancel).ConfigureAwait(false);
        var request = new HttpRequestMessage(method, VersionedPath(path)) { Content = content };
        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (e.InnerException is System.Net.Sockets.SocketException || e.HttpRequestError == HttpRequestError.ConnectionError)
        {
            throw new DaemonUnreachableException(Address.Host, e);
        }
        finally
        {
            // At an assumed version the body may have to go again (see RetryAtNegotiatedVersion): disposing the
            // request would dispose it too.
            if (_versionAssumed) request.Content = null;
            request.Dispose();
        }
    }

    internal string VersionedPath(string path) => string.Create(CultureInfo.InvariantCulture, $"/v{Version}/{path}");

    private async Task<HttpResponseMessage> SendCheckedAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancel)
    {
        while (true)
        {
            var response = await SendAsync(method, path, content, cancel).ConfigureAwait(false);
            if (response.IsSuccessStatusCode || response.StatusCode == System.Net.HttpStatusCode.NotModified) return response;
            ClientException error;
            using (response)
                error = await ErrorMapping.FromResponse(response, cancel).ConfigureAwait(false);
            if (!await RetryAtNegotiatedVersion(error, cancel).ConfigureAwait(false)) throw error;
        }
    }

    private async Task SendNoAnswerAsync(HttpMethod method, string path, CancellationToken cancel)
    {
        using var response = await SendCheckedAsync(method, path, null, cancel).ConfigureAwait(false);
    }

    private async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, string path, JsonTypeInfo<T> type, CancellationToken cancel)
    {
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

    private async Task<TOut> CallJsonAsync<TOut>(HttpMethod method, string path, HttpContent? content, JsonTypeInfo<TOut> type, CancellationToken cancel)
    {
        using var response = await SendCheckedAsync(method, path, content, cancel).ConfigureAwait(false);
        return await ReadJsonAsync(response, path, type, cancel).ConfigureAwait(false);
    }

    private static HttpContent Json<T>(T body, JsonTypeInfo<T> type) => JsonBytes(JsonSerializer.SerializeToUtf8Bytes(body, type));

    private static HttpContent JsonBytes(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    // The body of GET path as the daemon wrote it (inspect prints it re-indented, keeping the daemon's key order).
    public async Task<string> GetRawJsonAsync(string path, CancellationToken cancel = default)
    {
        using var response = await SendCheckedAsync(HttpMethod.Get, path, null, cancel).ConfigureAwait(false);
        return await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false);
    }

    internal static string Escape(string segment) => Uri.EscapeDataString(segment);

    // A plain loop: LINQ over tuples costs NativeAOT a generic-method lookup at run time on every CLI start.
    internal static string Query(params (string Key, string? Value)[] pairs)
    {
        var query = new System.Text.StringBuilder();
        foreach (var (key, value) in pairs)
        {
            if (value is null) continue;
            query.Append(query.Length == 0 ? '?' : '&').Append(key).Append('=').Append(Uri.EscapeDataString(value));
        }
        return query.ToString();
    }
}
