using Berth.Api.Http;
using Berth.Images;
using Berth.Api.Models.Images;

namespace Berth.Api.Endpoints.Images;

// The image store's queries and name changes: list, inspect, history, tag, remove, prune.
public sealed class ImageEndpoints(ImageStore store, Berth.Engine.Images.ImageOperations operations)
{
    public void Register(RouteTable routes)
    {
        // Fixed paths first: "/images/json" must not be read as an image named "json".
        routes.Map("GET", "/images/json", ImageErrorMapping.Guard(List));
        routes.Map("POST", "/images/prune", ImageErrorMapping.Guard(Prune));
        routes.Map("GET", "/images/{name*}/json", ImageErrorMapping.Guard(Inspect));
        routes.Map("GET", "/images/{name*}/history", ImageErrorMapping.Guard(History));
        routes.Map("POST", "/images/{name*}/tag", ImageErrorMapping.Guard(Tag));
        routes.Map("DELETE", "/images/{name*}", ImageErrorMapping.Guard(Remove));
    }

    private Task List(RequestContext request)
    {
        var filters = ImageFilters.FromMap(FiltersQuery.Parse(request.Query("filters")));
        var images = store.List(filters, request.Flag("all"));
        return ApiResponses.WriteJson(request.Http, 200, images.ToList(), ImagesJson.Context.ListImageSummary);
    }

    private Task Inspect(RequestContext request) =>
        ApiResponses.WriteJson(request.Http, 200, store.Inspect(request.Route("name")), ImagesJson.Context.ImageInspect);

    private Task History(RequestContext request) =>
        ApiResponses.WriteJson(request.Http, 200, store.History(request.Route("name")).ToList(), ImagesJson.Context.ListHistoryItem);

    private Task Tag(RequestContext request)
    {
        var repo = request.Query("repo");
        if (string.IsNullOrEmpty(repo))
            throw ApiException.BadRequest("repository name (repo parameter) is required");
        var tag = request.Query("tag");
        operations.Tag(request.Route("name"), string.IsNullOrEmpty(tag) ? repo : $"{repo}:{tag}");
        request.Http.Response.StatusCode = 201;
        return Task.CompletedTask;
    }

    private Task Remove(RequestContext request)
    {
        var deleted = operations.Remove(request.Route("name"), request.Flag("force"), prune: !request.Flag("noprune"));
        return ApiResponses.WriteJson(request.Http, 200, deleted.ToList(), ImagesJson.Context.ListDeleteResponseItem);
    }

    // Docker prunes dangling images unless the filters say dangling=false, which means every unused image.
    private Task Prune(RequestContext request)
    {
        var map = FiltersQuery.Parse(request.Query("filters"));
        var all = map.TryGetValue("dangling", out var d) && d.Count > 0 && d[^1].ToLowerInvariant() is "false" or "0";
        map.Remove("dangling");
        var result = operations.Prune(all, map.Count == 0 ? null : ImageFilters.FromMap(map));
        return ApiResponses.WriteJson(request.Http, 200, result, ImagesJson.Context.PruneResult);
    }
}
