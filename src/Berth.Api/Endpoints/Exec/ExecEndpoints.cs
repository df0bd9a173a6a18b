using Berth.Api.Http;
using Berth.Api.Models.Containers;
using Berth.Engine.Containers;
using static Berth.Api.Endpoints.Containers.ContainerErrors;

namespace Berth.Api.Endpoints.Exec;

// docker exec: POST /containers/{id}/exec, POST /exec/{id}/start (hijacked), /exec/{id}/resize, GET /exec/{id}/json.
public sealed class ExecEndpoints(ContainerService containers)
{
    private static ContainersJsonContext Json => ContainersJson.Context;

    public void Register(RouteTable routes)
    {
        routes.Map("POST", "/containers/{id}/exec", Guard(Create));
        routes.Map("POST", "/exec/{id}/start", Guard(Start));
        routes.Map("POST", "/exec/{id}/resize", Guard(Resize));
        routes.Map("GET", "/exec/{id}/json", Guard(Inspect));
    }

    private async Task Create(RequestContext request)
    {
        var config = await ReadBody(request.Http, Json.ExecConfig, request.Aborted);
        var id = containers.CreateExec(request.Route("id"), config);
        await ApiResponses.WriteJson(request.Http, 201, new IdResponse { Id = id }, Json.IdResponse);
    }

    private async Task Start(RequestContext request)
    {
        var start = await ReadBody(request.Http, Json.ExecStartConfig, request.Aborted);
        var exec = containers.FindExec(request.Route("id"));
        var stream = await containers.StartExecAsync(exec.Id, start.Detach, request.Aborted);
        if (stream is null)
        {
            request.Http.Response.StatusCode = 200;
            return;
        }
        int? code = null;
        await using (stream)
        {
            var client = await HijackedStream.TakeOverAsync(request.Http, exec.Config.Tty);
            // Not request.Aborted: the client's half-close (end of its stdin) fires it; see ContainerStreamEndpoints.
            code = await StreamPump.RunAsync(client, stream, exec.Config.Tty, exec.Config.AttachStdin, CancellationToken.None);
        }
        containers.ExecEnded(exec, code ?? 126);
    }

    private async Task Resize(RequestContext request)
    {
        await containers.ResizeExecAsync(request.Route("id"), OptionalInt(request, "h") ?? 0, OptionalInt(request, "w") ?? 0, request.Aborted);
        request.Http.Response.StatusCode = 200;
    }

    private Task Inspect(RequestContext request) =>
        ApiResponses.WriteJson(request.Http, 200, containers.InspectExec(request.Route("id")), Json.ExecInspect);
}
