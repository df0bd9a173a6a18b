using System.Text.Encodings.Web;
using System.Text.Json;

namespace Berth.Api.Models;

// The serializer settings for writing Engine API bodies. The default encoder escapes quotes and apostrophes as
// \u0027 etc.; Docker's messages are read by people too, so only what JSON requires is escaped.
public static class ApiJson
{
    public static ApiJsonContext Context { get; } = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
