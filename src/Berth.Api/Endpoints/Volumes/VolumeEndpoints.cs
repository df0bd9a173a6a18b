using Berth.Api.Http;
using Berth.Api.Models;
using Berth.Api.Models.Containers;
using Berth.Engine.Volumes;
using static Berth.Api.Endpoints.Containers.ContainerErrors;

namespace Berth.Api.Endpoints.Volumes;

// /volumes: create, list, inspect, remove, prune (local driver).
public sealed class VolumeEndpoints(VolumeService volumes)
{
    private static ContainersJsonContext Json => ContainersJson.Context;

    // From this version on, prune without the `all` filter removes only anonymous volumes.
    private static readonly ApiVersion AnonymousOnlyPrune = new(1, 42);

    public void Register(RouteTable routes)
    {
        routes.Map("GET", "/volumes", EngineErrors.Guard(List));
        routes.Map("POST", "/volumes/create", EngineErrors.Guard(Create));
        routes.Map("POST", "/volumes/prune", EngineErrors.Guard(Prune));
        routes.Map("GET", "/volumes/{name}", EngineErrors.Guard(Inspect));
        routes.Map("DELETE", "/volumes/{name}", EngineErrors.Guard(Remove));
    }

    private async Task Create(RequestContext request)
    {
        var body = await ReadBody(request.Http, Json.VolumeCreateRequest, request.Aborted);
        var volume = volumes.Create(body.Name, body.Driver, body.DriverOpts, body.Labels);
        await ApiResponses.WriteJson(request.Http, 201, volume, Json.Volume);
    }

    private Task List(RequestContext request)
    {
        var filter = VolumeFilter.ForList(FiltersQuery.Parse(request.Query("filters")));
        var list = new VolumeListResponse { Volumes = volumes.List(filter), Warnings = null };
        return ApiResponses.WriteJson(request.Http, 200, list, Json.VolumeListResponse);
    }

    private Task Inspect(RequestContext request) =>
        ApiResponses.WriteJson(request.Http, 200, volumes.Inspect(request.Route("name")), Json.Volume);

    private Task Remove(RequestContext request)
    {
        volumes.Remove(request.Route("name"), request.Flag("force"));
        request.Http.Response.StatusCode = 204;
        return Task.CompletedTask;
    }

    private Task Prune(RequestContext request)
    {
        var filters = FiltersQuery.Parse(request.Query("filters"));
        if (request.Version < AnonymousOnlyPrune && !filters.ContainsKey("all"))
            filters["all"] = ["true"];
        var result = volumes.Prune(VolumeFilter.ForPrune(filters));
        return ApiResponses.WriteJson(request.Http, 200, result, Json.VolumePruneResponse);
    }
}
