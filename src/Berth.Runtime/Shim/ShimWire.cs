using System.Text.Json;

namespace Berth.Runtime.Shim;

// The shim's side of the socket protocol, read and written by hand. JsonSerializer's first use loads its metadata
// and reflection caches (assembly names, attribute lookups, type infos), which then stay live for the life of the
// shim: a few hundred KiB in each of a thousand idle shims. The wire format is ShimJsonContext's, which clients
// keep using: property names as declared, null values left out.
internal static class ShimWire
{
    // Unknown properties are ignored and a property of the wrong type is a JsonException, as with the serializer.
    public static ShimRequest ParseRequest(string line)
    {
        using var doc = JsonDocument.Parse(line);
        if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new JsonException("the request is not a JSON object");
        var request = new ShimRequest();
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            try
            {
                switch (p.Name)
                {
                    case "Op": request.Op = p.Value.GetString() ?? throw new JsonException("Op is null"); break;
                    case "Stdin": request.Stdin = p.Value.GetBoolean(); break;
                    case "Stdout": request.Stdout = p.Value.GetBoolean(); break;
                    case "Stderr": request.Stderr = p.Value.GetBoolean(); break;
                    case "Tty": request.Tty = p.Value.GetBoolean(); break;
                    case "Detach": request.Detach = p.Value.GetBoolean(); break;
                    case "Height": request.Height = p.Value.GetInt32(); break;
                    case "Width": request.Width = p.Value.GetInt32(); break;
                    case "Signal": request.Signal = p.Value.GetInt32(); break;
                    case "ExecId": request.ExecId = p.Value.GetString(); break;
                    case "Process": request.Process = p.Value.ValueKind == JsonValueKind.Null ? null : p.Value.Clone(); break;
                }
            }
            catch (Exception e) when (e is InvalidOperationException or FormatException)
            {
                throw new JsonException($"{p.Name}: {e.Message}");
            }
        }
        return request;
    }

    public static byte[] Reply(ShimReply reply) => Write(w =>
    {
        if (reply.Ok is { } ok) w.WriteBoolean("Ok", ok);
        if (reply.Error is { } error) w.WriteString("Error", error);
        if (reply.Pid is { } pid) w.WriteNumber("Pid", pid);
    });

    public static byte[] Exit(ShimExit exit) => Write(w =>
    {
        w.WriteNumber("ExitCode", exit.ExitCode);
        w.WriteBoolean("OOMKilled", exit.OOMKilled);
        w.WriteString("FinishedAt", exit.FinishedAt);
    });

    public static byte[] State(ShimState state) => Write(w =>
    {
        w.WriteNumber("Pid", state.Pid);
        w.WriteString("Status", state.Status);
    });

    public static byte[] ExecExit(int exitCode) => Write(w => w.WriteNumber("ExitCode", exitCode));

    private static byte[] Write(Action<Utf8JsonWriter> properties)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            properties(w);
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
