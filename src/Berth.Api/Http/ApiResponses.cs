using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Berth.Api.Models;
using Microsoft.AspNetCore.Http;

namespace Berth.Api.Http;

// Writes bodies with the source-generated serializers (no reflection, so NativeAOT keeps them).
public static class ApiResponses
{
    public static async Task WriteJson<T>(HttpContext http, int status, T value, JsonTypeInfo<T> type)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, type);
        http.Response.ContentLength = bytes.Length + 1;
        await http.Response.Body.WriteAsync(bytes);
        await http.Response.Body.WriteAsync("\n"u8.ToArray());
    }

    public static Task WriteError(HttpContext http, int status, string message) =>
        WriteJson(http, status, new ErrorResponse { Message = message }, ApiJson.Context.ErrorResponse);
}
