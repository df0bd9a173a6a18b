using System.Text.Json;
using Berth.Api.Http;
using Berth.Images;
using Berth.Api.Models.Images;

namespace Berth.Api.Endpoints.Images;

// GET /system/df: the images part measured by the store; containers, volumes and the build cache do not exist
// yet, so they are empty lists (clients iterate them, so they must not be null).
public sealed class SystemDfEndpoint(ImageStore store)
{
    public void Register(RouteTable routes) => routes.Map("GET", "/system/df", ImageErrorMapping.Guard(DiskUsage));

    private async Task DiskUsage(RequestContext request)
    {
        var usage = store.DiskUsage();
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("LayersSize", usage.LayersSize);
            json.WritePropertyName("Images");
            JsonSerializer.Serialize(json, usage.Images, ImagesJson.Context.ListImageSummary);
            foreach (var empty in (string[])["Containers", "Volumes", "BuildCache"])
            {
                json.WriteStartArray(empty);
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        var response = request.Http.Response;
        response.StatusCode = 200;
        response.ContentType = "application/json";
        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), request.Aborted);
    }
}
