using Berth.Api.Models;
using Microsoft.AspNetCore.Http;

namespace Berth.Api.Http;

// What a route handler gets: the HTTP exchange, the API version the client speaks, the values of the route's
// {placeholders}, and a token that fires when the request ends or the daemon stops (for streams).
public sealed record RequestContext(HttpContext Http, ApiVersion Version, IReadOnlyDictionary<string, string> RouteValues, CancellationToken Aborted)
{
    public string? Query(string name) => Http.Request.Query.TryGetValue(name, out var v) ? v.ToString() : null;

    // Every value of a repeated parameter (?names=a&names=b).
    public IReadOnlyList<string> QueryAll(string name) =>
        Http.Request.Query.TryGetValue(name, out var v) ? v.Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).ToList() : [];

    // Docker's boolean parameters: anything but "", "0", "no", "false" and "none" is true.
    public bool Flag(string name) =>
        Query(name)?.Trim().ToLowerInvariant() is { } v && v is not ("" or "0" or "no" or "false" or "none");

    public string Route(string name) => RouteValues[name];
}
