using Berth.Api.Http;
using Berth.Api.Models;
using Berth.Api.Models.Containers;
using Berth.Engine.Networks;
using static Berth.Api.Endpoints.Containers.ContainerErrors;

namespace Berth.Api.Endpoints.Networks;

// /networks: list, inspect, create, remove, prune, connect and disconnect. dockerd's `verbose` and `scope`
// query parameters of inspect only matter to swarm networks, which Berth does not have.
public sealed class NetworkEndpoints(NetworkService networks)
{
    private static ContainersJsonContext Json => ContainersJson.Context;

    public void Register(RouteTable routes)
    {
        routes.Map("GET", "/networks", EngineErrors.Guard(List));
        routes.Map("POST", "/networks/create", EngineErrors.Guard(Create));
        routes.Map("POST", "/networks/prune", EngineErrors.Guard(Prune));
        routes.Map("GET", "/networks/{id}", EngineErrors.Guard(Inspect));
        routes.Map("DELETE", "/networks/{id}", EngineErrors.Guard(Remove));
        routes.Map("POST", "/networks/{id}/connect", EngineErrors.Guard(Connect));
        routes.Map("POST", "/networks/{id}/disconnect", EngineErrors.Guard(Disconnect));
    }

    private Task List(RequestContext request)
    {
        var list = networks.List(FiltersQuery.Parse(request.Query("filters")));
        return ApiResponses.WriteJson(request.Http, 200, list, Json.ListNetworkResource);
    }

    private Task Inspect(RequestContext request) =>
        ApiResponses.WriteJson(request.Http, 200, networks.Inspect(request.Route("id")), Json.NetworkResource);

    private async Task Create(RequestContext request)
    {
        var body = await ReadBody(request.Http, Json.NetworkCreateRequest, request.Aborted);
        var created = networks.Create(body);
        await ApiResponses.WriteJson(request.Http, 201, created, Json.NetworkCreateResponse);
    }

    private Task Remove(RequestContext request)
    {
        networks.Remove(request.Route("id"));
        request.Http.Response.StatusCode = 204;
        return Task.CompletedTask;
    }

    private Task Prune(RequestContext request)
    {
        var result = networks.Prune(FiltersQuery.Parse(request.Query("filters")));
        return ApiResponses.WriteJson(request.Http, 200, result, Json.NetworkPruneResponse);
    }

    private async Task Connect(RequestContext request)
    {
        var body = await ReadBody(request.Http, Json.NetworkConnectRequest, request.Aborted);
        await networks.Connect(request.Route("id"), body.Container ?? "", body.EndpointConfig);
        request.Http.Response.StatusCode = 200;
    }

    private async Task Disconnect(RequestContext request)
    {
        var body = await ReadBody(request.Http, Json.NetworkDisconnectRequest, request.Aborted);
        await networks.Disconnect(request.Route("id"), body.Container ?? "", body.Force);
        request.Http.Response.StatusCode = 200;
    }
}
