using System.Text.Json;
using Berth.Api.Http;
using Berth.Api.Models.Containers;
using Berth.Engine.Containers;
using static Berth.Api.Endpoints.Containers.ContainerErrors;

namespace Berth.Api.Endpoints.Containers;

// /containers/{id}/top, /stats and /update: what runs in a container, what it uses, and changing its limits.
public sealed class ContainerInfoEndpoints(ContainerService containers)
{
    private static ContainersJsonContext Json => ContainersJson.Context;

    public void Register(RouteTable routes)
    {
        routes.Map("GET", "/containers/{id}/top", Guard(Top));
        routes.Map("GET", "/containers/{id}/stats", Guard(Stats));
        routes.Map("POST", "/containers/{id}/update", Guard(Update));
    }

    private async Task Top(RequestContext request)
    {
        var top = await containers.TopAsync(request.Route("id"), request.Query("ps_args"), request.Aborted);
        await ApiResponses.WriteJson(request.Http, 200, top, Json.ContainerTopResponse);
    }

    // stream defaults to true; one-shot only applies without streaming.
    private async Task Stats(RequestContext request)
    {
        var stream = request.Query("stream") is null || request.Flag("stream");
        var oneShot = request.Flag("one-shot");
        if (oneShot && stream) throw ApiException.BadRequest("cannot have stream=true and one-shot=true");
        var response = request.Http.Response;
        var started = false;
        await foreach (var sample in containers.StatsAsync(request.Route("id"), stream, oneShot, request.Aborted))
        {
            if (!started)
            {
                response.StatusCode = 200;
                response.ContentType = "application/json";
                await response.StartAsync(request.Aborted);
                started = true;
            }
            await response.Body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(sample, ContainerStatsJsonContext.Relaxed.ContainerStatsResponse), request.Aborted);
            await response.Body.WriteAsync("\n"u8.ToArray(), request.Aborted);
            await response.Body.FlushAsync(request.Aborted);
        }
    }

    private async Task Update(RequestContext request)
    {
        var body = await ReadBody(request.Http, Json.ContainerUpdate, request.Aborted);
        var result = await containers.UpdateAsync(request.Route("id"), body, request.Aborted);
        await ApiResponses.WriteJson(request.Http, 200, result, Json.ContainerUpdateResponse);
    }
}
