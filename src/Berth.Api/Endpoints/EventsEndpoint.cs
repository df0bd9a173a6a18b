using System.Text.Json;
using Berth.Api.Http;
using Berth.Api.Models;
using Berth.Engine;
using Berth.Engine.Events;

namespace Berth.Api.Endpoints;

// GET /events: one JSON object per line, flushed as each event happens, until `until` passes or the client leaves.
public sealed class EventsEndpoint(DaemonEngine engine)
{
    public void Register(RouteTable routes) => routes.Map("GET", "/events", Stream);

    private async Task Stream(RequestContext request)
    {
        var since = TimestampQuery.ParseNano(request.Query("since"), "since");
        var until = TimestampQuery.ParseNano(request.Query("until"), "until");
        EventFilter filter;
        try
        {
            filter = new EventFilter(FiltersQuery.Parse(request.Query("filters")));
        }
        catch (ArgumentException e)
        {
            throw ApiException.BadRequest(e.Message);
        }

        var response = request.Http.Response;
        response.StatusCode = 200;
        response.ContentType = "application/json";
        // Headers go out now: clients wait for them before they consider the stream open.
        await response.StartAsync(request.Aborted);
        await response.Body.FlushAsync(request.Aborted);

        await foreach (var e in engine.Events.ReadAsync(since, until, filter, request.Aborted))
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(ToMessage(e), ApiJson.Context.EventMessage);
            await response.Body.WriteAsync(bytes, request.Aborted);
            await response.Body.WriteAsync("\n"u8.ToArray(), request.Aborted);
            await response.Body.FlushAsync(request.Aborted);
        }
    }

    internal static EventMessage ToMessage(EngineEvent e) => new()
    {
        Type = e.Type,
        Action = e.Action,
        Actor = new EventActor { ID = e.ActorId, Attributes = new Dictionary<string, string>(e.Attributes) },
        Scope = e.Scope,
        Time = e.TimeNano / 1_000_000_000,
        TimeNano = e.TimeNano,
    };
}
