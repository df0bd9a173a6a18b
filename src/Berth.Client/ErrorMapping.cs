using System.Net.Http;
using System.Text.Json;
using Berth.Api.Models;

namespace Berth.Client;

// Turns a daemon's error response into a ClientException carrying the daemon's own message.
internal static class ErrorMapping
{
    public static ClientException FromBody(int status, string body)
    {
        var message = TryMessage(body);
        if (string.IsNullOrEmpty(message))
            message = string.IsNullOrWhiteSpace(body) ? $"the daemon answered {status} with no message" : body.Trim();
        return new ClientException(status, message);
    }

    public static async Task<ClientException> FromResponse(HttpResponseMessage response, CancellationToken cancel) =>
        FromBody((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false));

    private static string? TryMessage(string body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, ApiJsonContext.Default.ErrorResponse)?.Message;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
