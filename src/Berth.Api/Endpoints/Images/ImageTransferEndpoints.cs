using Berth.Api.Http;
using Berth.Api.Models;
using Berth.Images;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Berth.Api.Endpoints.Images;

// Images in and out as tar streams: docker load, save and import.
public sealed class ImageTransferEndpoints(Berth.Engine.Images.ImageOperations images)
{
    public void Register(RouteTable routes)
    {
        routes.Map("POST", "/images/load", ImageErrorMapping.Guard(Load));
        routes.Map("GET", "/images/get", ImageErrorMapping.Guard(request => Save(request, request.QueryAll("names"))));
        routes.Map("GET", "/images/{name*}/get", ImageErrorMapping.Guard(request => Save(request, [request.Route("name")])));
        routes.Map("POST", "/images/create", ImageErrorMapping.Guard(Create));
    }

    // The store finishes the whole load before anything is answered, so a bad archive is a 400, not a broken
    // stream. Docker sends the "Loaded image" lines even with quiet (quiet only drops progress bars).
    private async Task Load(RequestContext request)
    {
        var body = request.Http.Request.Body;
        var result = await RunBlocking(request.Http, () => images.Load(body));
        await JsonStreamWriter.Write(request.Http, result.Messages.Select(m => new JsonMessage { Stream = m + "\n" }), request.Aborted);
    }

    // Save resolves every name before it writes a byte, so an unknown one is still a clean 404.
    private async Task Save(RequestContext request, IReadOnlyList<string> names)
    {
        if (names.Count == 0)
            throw ApiException.BadRequest("no image names given: use names=<image>");
        var http = request.Http;
        http.Response.StatusCode = 200;
        http.Response.ContentType = "application/x-tar";
        await RunBlocking(http, () =>
        {
            images.Save(names, http.Response.Body);
            return true;
        });
    }

    // Only import (fromSrc=-, the body) is served; pulling (fromImage) needs the registry client.
    private async Task Create(RequestContext request)
    {
        var source = request.Query("fromSrc");
        if (string.IsNullOrEmpty(request.Query("fromImage")) is false)
            throw new ApiException(501, "pulling images is not supported yet");
        if (source != "-")
            throw ApiException.BadRequest(string.IsNullOrEmpty(source)
                ? "fromSrc or fromImage is required"
                : "importing from a URL is not supported; send the tar as the request body with fromSrc=-");
        var repo = request.Query("repo");
        var tag = request.Query("tag");
        var target = string.IsNullOrEmpty(repo) ? null : string.IsNullOrEmpty(tag) ? repo : $"{repo}:{tag}";
        var changes = request.QueryAll("changes");
        var message = request.Query("message");
        var platform = request.Query("platform");
        var body = request.Http.Request.Body;
        var id = await RunBlocking(request.Http, () =>
            images.Import(body, target, changes, string.IsNullOrEmpty(message) ? null : message, "-", string.IsNullOrEmpty(platform) ? null : platform));
        await JsonStreamWriter.Write(request.Http, [new JsonMessage { Status = id.ToString() }], request.Aborted);
    }

    // The store reads and writes streams synchronously; Kestrel allows that per request, and the work runs off
    // the request thread so a large archive does not hold one of Kestrel's.
    private static Task<T> RunBlocking<T>(HttpContext http, Func<T> work)
    {
        http.Features.Get<IHttpBodyControlFeature>()!.AllowSynchronousIO = true;
        return Task.Run(work);
    }
}
