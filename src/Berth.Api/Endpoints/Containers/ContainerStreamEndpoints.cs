using System.Text;
using Berth.Api.Http;
using Berth.Api.Models.Containers;
using Berth.Engine.Containers;
using Berth.Runtime.Logs;
using Berth.Runtime.Shim;
using static Berth.Api.Endpoints.Containers.ContainerErrors;

namespace Berth.Api.Endpoints.Containers;

// The long-running container endpoints: attach (hijacked), logs, wait, resize.
public sealed class ContainerStreamEndpoints(ContainerService containers)
{
    public void Register(RouteTable routes)
    {
        routes.Map("POST", "/containers/{id}/attach", Guard(Attach));
        routes.Map("GET", "/containers/{id}/logs", Guard(Logs));
        routes.Map("POST", "/containers/{id}/wait", Guard(Wait));
        routes.Map("POST", "/containers/{id}/resize", Guard(Resize));
    }

    private async Task Attach(RequestContext request)
    {
        var id = request.Route("id");
        bool stdin = request.Flag("stdin"), stdout = request.Flag("stdout"), stderr = request.Flag("stderr");
        bool logs = request.Flag("logs"), stream = request.Flag("stream");
        var c = containers.Find(id);
        var tty = c.Record.Config.Tty;
        if (!stream && !logs)
            throw ApiException.BadRequest("either logs or stream must be set");
        // Asked for before the hijack, so a driver that cannot be read is a plain error answer, as in dockerd.
        var logPath = logs ? containers.LogSource(id).Path : null;
        HijackedStream? client = null;
        if (!stream)
        {
            client = await HijackedStream.TakeOverAsync(request.Http, tty);
            await ReplayLogAsync(client.Output, logPath!, stdout, stderr, tty);
            return;
        }
        // As dockerd: the log so far, then the live stream, once the attach is known to be allowed. Before a start
        // the attach waits, so the 101 goes out first: the client then starts the container.
        // Not request.Aborted: Kestrel signals it when the client half-closes its side (the end of its stdin, or at
        // once when it sends none), and the output must go on after that. A client that went away ends the
        // stream when a write to it fails.
        var (_, shim) = await containers.AttachAsync(id, stdin, stdout, stderr, async () =>
        {
            client = await HijackedStream.TakeOverAsync(request.Http, tty);
            if (logPath is not null) await ReplayLogAsync(client.Output, logPath, stdout, stderr, tty);
        }, CancellationToken.None);
        await using (shim)
        {
            await StreamPump.RunAsync(client!, shim, tty, stdin && c.Record.Config.OpenStdin, CancellationToken.None);
        }
    }

    // The json-file log as docker logs would show it (no follow), in the attach's framing.
    private static async Task ReplayLogAsync(Stream output, string path, bool stdout, bool stderr, bool tty)
    {
        if (!stdout && !stderr) return;
        var options = new LogReadOptions { Stdout = stdout, Stderr = stderr };
        try
        {
            await foreach (var entry in JsonFileLogReader.ReadAsync(path, options, CancellationToken.None))
            {
                var bytes = Encoding.UTF8.GetBytes(entry.Log);
                if (tty) await output.WriteAsync(bytes);
                else await output.WriteAsync(StreamFrames.Frame(entry.Stream == "stderr" ? StreamFrames.Stderr : StreamFrames.Stdout, bytes));
            }
            await output.FlushAsync();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The client went away: the stream that follows ends at its first write.
        }
    }

    private async Task Logs(RequestContext request)
    {
        var id = request.Route("id");
        bool stdout = request.Flag("stdout"), stderr = request.Flag("stderr");
        if (!stdout && !stderr) throw ApiException.BadRequest("Bad parameters: you must choose at least one stream");
        var (_, path, stopped, tty) = containers.LogSource(id);
        int? tail = null;
        if (request.Query("tail") is { Length: > 0 } t && t != "all")
            tail = int.TryParse(t, out var n) ? Math.Max(n, 0) : throw ApiException.BadRequest($"invalid value for tail: {t}");
        var options = new LogReadOptions
        {
            Stdout = stdout,
            Stderr = stderr,
            Tail = tail,
            Since = ToTime(TimestampQuery.ParseNano(request.Query("since"), "since")),
            Until = ToTime(TimestampQuery.ParseNano(request.Query("until"), "until")),
            Follow = request.Flag("follow"),
            ContainerExited = stopped,
        };
        var timestamps = request.Flag("timestamps");
        var response = request.Http.Response;
        response.StatusCode = 200;
        response.ContentType = tty ? HijackedStream.RawStream : HijackedStream.MultiplexedStream;
        await response.StartAsync(request.Aborted);
        await response.Body.FlushAsync(request.Aborted);
        await foreach (var entry in JsonFileLogReader.ReadAsync(path, options, request.Aborted))
        {
            var text = timestamps ? entry.TimeText + " " + entry.Log : entry.Log;
            var bytes = Encoding.UTF8.GetBytes(text);
            if (tty) await response.Body.WriteAsync(bytes, request.Aborted);
            else await response.Body.WriteAsync(StreamFrames.Frame(entry.Stream == "stderr" ? StreamFrames.Stderr : StreamFrames.Stdout, bytes), request.Aborted);
            if (options.Follow) await response.Body.FlushAsync(request.Aborted);
        }
    }

    private static DateTime? ToTime(long? nano) =>
        nano is { } n ? DateTime.UnixEpoch.AddTicks(n / 100) : null;

    private async Task Wait(RequestContext request)
    {
        var exit = await containers.WaitAsync(request.Route("id"), request.Query("condition"));
        // The headers go out at once: the client knows the wait is registered before it starts the container.
        var response = request.Http.Response;
        response.StatusCode = 200;
        response.ContentType = "application/json";
        await response.StartAsync(request.Aborted);
        await response.Body.FlushAsync(request.Aborted);
        var code = await exit.WaitAsync(request.Aborted);
        var body = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new ContainerWaitResponse { StatusCode = code }, ContainersJson.Context.ContainerWaitResponse);
        await response.Body.WriteAsync(body, request.Aborted);
        await response.Body.WriteAsync("\n"u8.ToArray(), request.Aborted);
    }

    private async Task Resize(RequestContext request)
    {
        var h = OptionalInt(request, "h") ?? 0;
        var w = OptionalInt(request, "w") ?? 0;
        await containers.ResizeAsync(request.Route("id"), h, w, request.Aborted);
        request.Http.Response.StatusCode = 200;
    }
}
