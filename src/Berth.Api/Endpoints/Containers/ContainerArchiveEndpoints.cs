using System.Text.Json;
using Berth.Api.Http;
using Berth.Api.Models.Containers;
using Berth.Engine.Containers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using static Berth.Api.Endpoints.Containers.ContainerErrors;

namespace Berth.Api.Endpoints.Containers;

// docker cp (archive GET/HEAD/PUT), docker diff (changes), docker export and docker commit.
public sealed class ContainerArchiveEndpoints(ContainerService containers)
{
    public const string PathStatHeader = "X-Docker-Container-Path-Stat";

    public void Register(RouteTable routes)
    {
        routes.Map("GET", "/containers/{id}/archive", Guard(GetArchive));
        routes.Map("HEAD", "/containers/{id}/archive", Guard(HeadArchive));
        routes.Map("PUT", "/containers/{id}/archive", Guard(PutArchive));
        routes.Map("GET", "/containers/{id}/changes", Guard(Changes));
        routes.Map("GET", "/containers/{id}/export", Guard(Export));
        routes.Map("POST", "/commit", Guard(Commit));
    }

    private static string RequiredPath(RequestContext request) =>
        request.Query("path") is { Length: > 0 } path ? path : throw ApiException.BadRequest("path cannot be empty");

    public static string EncodeStat(ContainerPathStat stat) =>
        Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(stat, ContainerPathStatJsonContext.Default.ContainerPathStat));

    private async Task HeadArchive(RequestContext request)
    {
        var stat = await containers.ArchivePathAsync(request.Route("id"), RequiredPath(request), null, request.Aborted);
        request.Http.Response.Headers[PathStatHeader] = EncodeStat(stat);
        request.Http.Response.StatusCode = 200;
    }

    private async Task GetArchive(RequestContext request)
    {
        var http = request.Http;
        AllowSynchronousIO(http);
        await containers.ArchivePathAsync(request.Route("id"), RequiredPath(request), async (stat, write) =>
        {
            http.Response.StatusCode = 200;
            http.Response.ContentType = "application/x-tar";
            http.Response.Headers[PathStatHeader] = EncodeStat(stat);
            await write(http.Response.Body);
        }, request.Aborted);
    }

    private async Task PutArchive(RequestContext request)
    {
        var http = request.Http;
        AllowSynchronousIO(http);
        await containers.ExtractToDirAsync(request.Route("id"), RequiredPath(request), http.Request.Body,
            request.Flag("noOverwriteDirNonDir"), request.Flag("copyUIDGID"), request.Aborted);
        http.Response.StatusCode = 200;
    }

    private async Task Changes(RequestContext request)
    {
        var changes = containers.Changes(request.Route("id"))
            .Select(c => new ContainerChange { Path = c.Path, Kind = (int)c.Kind }).ToList();
        await ApiResponses.WriteJson(request.Http, 200, changes, ContainersJson.Context.ListContainerChange);
    }

    private async Task Export(RequestContext request)
    {
        var http = request.Http;
        AllowSynchronousIO(http);
        await containers.ExportAsync(request.Route("id"), async write =>
        {
            http.Response.StatusCode = 200;
            http.Response.ContentType = "application/x-tar";
            await write(http.Response.Body);
        }, request.Aborted);
    }

    private async Task Commit(RequestContext request)
    {
        var container = request.Query("container");
        if (string.IsNullOrEmpty(container)) throw ApiException.BadRequest("container is required");
        var body = await ReadBody(request.Http, ContainersJson.Context.ContainerConfig, request.Aborted);
        // pause defaults to true, as in dockerd.
        var pause = request.Query("pause") is not { Length: > 0 } p || request.Flag("pause");
        var options = new CommitOptions(request.Query("repo"), request.Query("tag"), request.Query("comment"),
            request.Query("author"), pause, request.QueryAll("changes"), body);
        var id = await containers.CommitAsync(container, options, request.Aborted);
        await ApiResponses.WriteJson(request.Http, 201, new IdResponse { Id = id.ToString() }, ContainersJson.Context.IdResponse);
    }

    private static void AllowSynchronousIO(HttpContext http) =>
        http.Features.Get<IHttpBodyControlFeature>()!.AllowSynchronousIO = true;
}
