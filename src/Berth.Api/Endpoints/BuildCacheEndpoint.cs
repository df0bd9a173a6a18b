using Berth.Api.Http;

namespace Berth.Api.Endpoints;

// POST /build/prune. Berth does not build images yet, so it keeps no build cache and pruning it removes nothing;
// `docker system prune` asks for it after the containers, networks and images, and failed on the 404 before.
public sealed class BuildCacheEndpoint
{
    public void Register(RouteTable routes) => routes.Map("POST", "/build/prune", Prune);

    private static Task Prune(RequestContext request) =>
        ApiResponses.WriteJson(request.Http, 200, "{\"CachesDeleted\":[],\"SpaceReclaimed\":0}"u8.ToArray());
}
