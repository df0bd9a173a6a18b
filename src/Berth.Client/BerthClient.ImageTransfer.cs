using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Berth.Api.Models;

namespace Berth.Client;

// The image endpoints that move whole archives (load, save, import). Archives are streamed in both directions,
// never held in memory: a multi-gigabyte image passes through in fixed-size buffers.
public sealed partial class BerthClient
{
    // POST /images/load: sends the archive as the body and yields the daemon's progress messages as they arrive.
    public async IAsyncEnumerable<JsonMessage> LoadImageAsync(Stream archive, bool quiet,
        [EnumeratorCancellation] CancellationToken cancel = default)
    {
        using var response = await SendBody(HttpMethod.Post, "images/load" + (quiet ? "?quiet=1" : ""), archive, cancel).ConfigureAwait(false);
        await foreach (var message in ReadMessages(response, cancel).ConfigureAwait(false))
            yield return message;
    }

    // POST /images/create?fromSrc=-: imports a root filesystem tar as a one-layer image.
    public async IAsyncEnumerable<JsonMessage> ImportImageAsync(Stream source, string? repository, string? tag,
        IReadOnlyList<string> changes, string? message, [EnumeratorCancellation] CancellationToken cancel = default)
    {
        var query = new List<string> { "fromSrc=-" };
        if (!string.IsNullOrEmpty(repository)) query.Add("repo=" + Uri.EscapeDataString(repository));
        if (!string.IsNullOrEmpty(tag)) query.Add("tag=" + Uri.EscapeDataString(tag));
        foreach (var change in changes) query.Add("changes=" + Uri.EscapeDataString(change));
        if (!string.IsNullOrEmpty(message)) query.Add("message=" + Uri.EscapeDataString(message));
        using var response = await SendBody(HttpMethod.Post, "images/create" + Query(query), source, cancel).ConfigureAwait(false);
        await foreach (var item in ReadMessages(response, cancel).ConfigureAwait(false))
            yield return item;
    }

    // GET /images/get?names=...: the archive of the named images. The caller disposes the stream, which ends the
    // response.
    public async Task<Stream> SaveImagesAsync(IReadOnlyList<string> names, CancellationToken cancel = default)
    {
        var query = names.Select(n => "names=" + Uri.EscapeDataString(n)).ToList();
        var response = await Send(HttpMethod.Get, "images/get" + Query(query), versioned: true, cancel).ConfigureAwait(false);
        try
        {
            if (!response.IsSuccessStatusCode)
                throw await ErrorMapping.FromResponse(response, cancel).ConfigureAwait(false);
            return new ResponseStream(response, await response.Content.ReadAsStreamAsync(cancel).ConfigureAwait(false));
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private async Task<HttpResponseMessage> SendBody(HttpMethod method, string path, Stream body, CancellationToken cancel)
    {
        if (_version is null)
            await NegotiateAsync(cancel).ConfigureAwait(false);
        using var request = new HttpRequestMessage(method, $"v{Version}/{path}");
        // No length: the body goes out chunked as it is read, whatever its size.
        request.Content = new StreamContent(body, 64 * 1024);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-tar");
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (e.InnerException is System.Net.Sockets.SocketException || e.HttpRequestError == HttpRequestError.ConnectionError)
        {
            throw new DaemonUnreachableException(Address.Host, e);
        }
        if (response.IsSuccessStatusCode)
            return response;
        using (response)
            throw await ErrorMapping.FromResponse(response, cancel).ConfigureAwait(false);
    }

    // One JSON message per line; a message carrying an error ends the stream with that error, as docker's
    // jsonmessage does.
    internal static async IAsyncEnumerable<JsonMessage> ReadMessages(HttpResponseMessage response, [EnumeratorCancellation] CancellationToken cancel)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancel).ConfigureAwait(false);
        using var reader = new StreamReader(body);
        while (await reader.ReadLineAsync(cancel).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0) continue;
            JsonMessage? message;
            try
            {
                message = JsonSerializer.Deserialize(line, ApiJsonContext.Default.JsonMessage);
            }
            catch (JsonException e)
            {
                throw new ClientException(0, $"the daemon sent an unreadable progress message: {e.Message}");
            }
            if (message is null) continue;
            if (message.ErrorDetail is { } detail || message.Error is not null)
                throw new StreamErrorException(message.ErrorDetail?.Message is { Length: > 0 } m ? m : message.Error ?? "");
            yield return message;
        }
    }

    // The response body as a stream that also releases the response when disposed.
    private sealed class ResponseStream(HttpResponseMessage response, Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.ReadAsync(buffer, offset, count, cancellationToken);
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                response.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}

// The daemon accepted the request but reported an error in its progress stream (docker prints it as is).
public sealed class StreamErrorException(string message) : ClientException(0, message);
