using Berth.Api.Models;
using Microsoft.AspNetCore.Http;

namespace Berth.Api.Http;

// The one request delegate: adds Docker's common headers, resolves the API version from the path, finds the
// route and turns every failure into Docker's {"message": ...} with the matching status.
public sealed class ApiDispatcher(RouteTable routes, CancellationToken stopping, Action<string>? logError = null)
{
    public async Task Handle(HttpContext http)
    {
        var headers = http.Response.Headers;
        headers["Api-Version"] = ApiVersion.Max.ToString();
        headers["Docker-Experimental"] = "false";
        headers["Ostype"] = "linux";
        headers["Server"] = ServerIdentity.ServerHeader;

        var path = http.Request.Path.Value ?? "/";
        if (!VersionedPath.TryParse(path, out var versioned) || routes.Find(http.Request.Method, versioned.Route) is not { } route)
        {
            await ApiResponses.WriteError(http, 404, "page not found");
            return;
        }
        if (versioned.Check() is { } versionError)
        {
            await ApiResponses.WriteError(http, 400, versionError);
            return;
        }

        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        try
        {
            await route.Handler(new RequestContext(http, versioned.Version, route.Values, aborted.Token));
        }
        catch (ApiException e) when (!http.Response.HasStarted)
        {
            await ApiResponses.WriteError(http, e.Status, e.Message);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away or the daemon is stopping: nobody is left to answer.
        }
        catch (Exception e) when (!http.Response.HasStarted)
        {
            logError?.Invoke($"{http.Request.Method} {path}: {e}");
            await ApiResponses.WriteError(http, 500, e.Message);
        }
    }
}
