using Berth.Api.Http;
using Berth.Engine.Containers;
using Microsoft.AspNetCore.Http;

namespace Berth.Api.Endpoints.Containers;

// Runs a container handler and answers the engine's refusals as dockerd does: 304 with no body for "nothing to
// do" (start of a running container, stop of a stopped one), else the status and {"message": ...}.
public static class ContainerErrors
{
    public static RouteHandler Guard(RouteHandler handler) => async request =>
    {
        try
        {
            await handler(request);
        }
        catch (ContainerException e) when (e.Status == 304 && !request.Http.Response.HasStarted)
        {
            request.Http.Response.StatusCode = 304;
        }
        catch (ContainerException e)
        {
            throw new ApiException(e.Status, e.Message);
        }
        catch (Berth.Engine.Containers.Spec.ContainerSpecException e)
        {
            throw ApiException.BadRequest(e.Message);
        }
    };

    public static int? OptionalInt(RequestContext request, string name)
    {
        var text = request.Query(name);
        if (string.IsNullOrEmpty(text)) return null;
        return int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n : throw ApiException.BadRequest($"invalid value for {name}: {text}");
    }

    public static async Task<T> ReadBody<T>(HttpContext http, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken ct) where T : new()
    {
        var stashed = UpgradeBodyMiddleware.TakeBody(http);
        if (stashed is null && http.Request.ContentLength == 0) return new T();
        try
        {
            if (stashed is not null) return System.Text.Json.JsonSerializer.Deserialize(stashed, type) ?? new T();
            return await System.Text.Json.JsonSerializer.DeserializeAsync(http.Request.Body, type, ct) ?? new T();
        }
        catch (System.Text.Json.JsonException e)
        {
            throw ApiException.BadRequest($"invalid JSON: {e.Message}");
        }
    }
}
