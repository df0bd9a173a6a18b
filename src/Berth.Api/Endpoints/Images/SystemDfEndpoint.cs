using System.Text.Json;
using Berth.Api.Http;
using Berth.Images;
using Berth.Api.Models.Images;

namespace Berth.Api.Endpoints.Images;

// GET /system/df: the images part measured by the store, the volumes with their size and how many containers use them;
// containers and the build cache are not counted yet, so they are empty lists (clients iterate them, so never null).
public sealed class SystemDfEndpoint(ImageStore store, Berth.Engine.Volumes.VolumeService? volumes = null)
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
            json.WriteStartArray("Volumes");
            foreach (var v in volumes?.Records() ?? [])
            {
                var volume = volumes!.ToApi(v);
                volume.UsageData = new Berth.Api.Models.Containers.VolumeUsageData { Size = volumes.SizeOf(v.Name), RefCount = volumes.UsersOf(v.Name).Count };
                JsonSerializer.Serialize(json, volume, Berth.Api.Models.Containers.ContainersJson.Context.Volume);
            }
            json.WriteEndArray();
            foreach (var empty in (string[])["Containers", "BuildCache"])
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
