using Berth.Api.Http;
using Berth.Api.Models.Containers;
using Berth.Engine.Containers;
using static Berth.Api.Endpoints.Containers.ContainerErrors;

namespace Berth.Api.Endpoints.Containers;

// /containers: create, list, inspect, start, stop, restart, kill, pause, unpause, rename, remove, prune.
public sealed class ContainerEndpoints(ContainerService containers, Func<string, string?> resolveImage)
{
    private static ContainersJsonContext Json => ContainersJson.Context;

    public void Register(RouteTable routes)
    {
        routes.Map("POST", "/containers/create", Guard(Create));
        routes.Map("GET", "/containers/json", Guard(List));
        routes.Map("POST", "/containers/prune", Guard(Prune));
        routes.Map("GET", "/containers/{id}/json", Guard(Inspect));
        routes.Map("POST", "/containers/{id}/start", Guard(Start));
        routes.Map("POST", "/containers/{id}/stop", Guard(Stop));
        routes.Map("POST", "/containers/{id}/restart", Guard(Restart));
        routes.Map("POST", "/containers/{id}/kill", Guard(Kill));
        routes.Map("POST", "/containers/{id}/pause", Guard(r => Pause(r, true)));
        routes.Map("POST", "/containers/{id}/unpause", Guard(r => Pause(r, false)));
        routes.Map("POST", "/containers/{id}/rename", Guard(Rename));
        routes.Map("DELETE", "/containers/{id}", Guard(Remove));
    }

    private async Task Create(RequestContext request)
    {
        var body = await ReadBody(request.Http, Json.ContainerCreateRequest, request.Aborted);
        var created = await containers.CreateAsync(body, request.Query("name"), request.Aborted);
        await ApiResponses.WriteJson(request.Http, 201, created, Json.ContainerCreateResponse);
    }

    private Task List(RequestContext request)
    {
        var filter = ContainerListFilter.Create(FiltersQuery.Parse(request.Query("filters")), resolveImage);
        var limit = OptionalInt(request, "limit") ?? -1;
        var rows = containers.List(request.Flag("all"), limit, request.Flag("size"), filter);
        return ApiResponses.WriteJson(request.Http, 200, rows, Json.ListContainerSummary);
    }

    private async Task Prune(RequestContext request)
    {
        var filter = ContainerListFilter.Create(FiltersQuery.Parse(request.Query("filters")), resolveImage);
        var result = await containers.PruneAsync(filter, request.Aborted);
        await ApiResponses.WriteJson(request.Http, 200, result, Json.ContainerPruneResponse);
    }

    private Task Inspect(RequestContext request)
    {
        var inspect = containers.Inspect(request.Route("id"));
        return ApiResponses.WriteJson(request.Http, 200, inspect, Json.ContainerInspect);
    }

    private async Task Start(RequestContext request)
    {
        if (!string.IsNullOrEmpty(request.Query("checkpoint"))) throw ApiException.BadRequest("checkpoints are not supported yet");
        await containers.StartAsync(request.Route("id"), request.Aborted);
        request.Http.Response.StatusCode = 204;
    }

    private async Task Stop(RequestContext request)
    {
        await containers.StopAsync(request.Route("id"), OptionalInt(request, "t"), request.Query("signal"), request.Aborted);
        request.Http.Response.StatusCode = 204;
    }

    private async Task Restart(RequestContext request)
    {
        await containers.RestartAsync(request.Route("id"), OptionalInt(request, "t"), request.Query("signal"), request.Aborted);
        request.Http.Response.StatusCode = 204;
    }

    private async Task Kill(RequestContext request)
    {
        await containers.KillAsync(request.Route("id"), request.Query("signal"), request.Aborted);
        request.Http.Response.StatusCode = 204;
    }

    private async Task Pause(RequestContext request, bool pause)
    {
        await containers.PauseAsync(request.Route("id"), pause, request.Aborted);
        request.Http.Response.StatusCode = 204;
    }

    private async Task Rename(RequestContext request)
    {
        var name = request.Query("name");
        if (string.IsNullOrEmpty(name)) throw ApiException.BadRequest("Neither old nor new names may be empty");
        await containers.RenameAsync(request.Route("id"), name, request.Aborted);
        request.Http.Response.StatusCode = 204;
    }

    private async Task Remove(RequestContext request)
    {
        if (request.Flag("link")) throw ApiException.BadRequest("links are not supported yet");
        await containers.RemoveAsync(request.Route("id"), request.Flag("force"), request.Aborted, removeVolumes: request.Flag("v"));
        request.Http.Response.StatusCode = 204;
    }
}
