using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Berth.Api.Models;
using Microsoft.AspNetCore.Http;

namespace Berth.Api.Http;

// Writes bodies with the source-generated serializers (no reflection, so NativeAOT keeps them).
public static class ApiResponses
{
    public static Task WriteJson<T>(HttpContext http, int status, T value, JsonTypeInfo<T> type) =>
        WriteJson(http, status, JsonSerializer.SerializeToUtf8Bytes(value, type));

    // A body already in JSON, newline-terminated as dockerd's are.
    public static async Task WriteJson(HttpContext http, int status, byte[] json)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = json.Length + 1;
        await http.Response.Body.WriteAsync(json);
        await http.Response.Body.WriteAsync("\n"u8.ToArray());
    }

    public static Task WriteError(HttpContext http, int status, string message) =>
        WriteJson(http, status, new ErrorResponse { Message = message }, ApiJson.Context.ErrorResponse);
}
