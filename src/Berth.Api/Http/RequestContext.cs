using Berth.Api.Models;
using Microsoft.AspNetCore.Http;

namespace Berth.Api.Http;

// What a route handler gets: the HTTP exchange, the API version the client speaks, the values of the route's
// {placeholders}, and a token that fires when the request ends or the daemon stops (for streams).
public sealed record RequestContext(HttpContext Http, ApiVersion Version, IReadOnlyDictionary<string, string> RouteValues, CancellationToken Aborted)
{
    public string? Query(string name) => Http.Request.Query.TryGetValue(name, out var v) ? v.ToString() : null;
}
