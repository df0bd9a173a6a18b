using System.Text.Json;
using Berth.Api.Models;
using Microsoft.AspNetCore.Http;

namespace Berth.Api.Http;

// Writes a JSON progress stream (one jsonmessage per line), the body docker load/import/pull read and print.
public static class JsonStreamWriter
{
    public static async Task Write(HttpContext http, IEnumerable<JsonMessage> messages, CancellationToken cancel)
    {
        http.Response.StatusCode = 200;
        http.Response.ContentType = "application/json";
        foreach (var message in messages)
        {
            await http.Response.Body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(message, ApiJson.Context.JsonMessage), cancel);
            await http.Response.Body.WriteAsync("\r\n"u8.ToArray(), cancel);
        }
    }
}
