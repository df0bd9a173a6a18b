using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Berth.Cli.Formatting;
using Berth.Cli.Support;
using Berth.Client;

namespace Berth.Cli.Commands;

// `berth inspect` (containers, images, networks, volumes) and `berth container inspect`: the daemon's JSON in an indented
// array, or each object through -f's Go template; unknown names are reported after the others, exit 1.
public static class InspectCommand
{
    public static Task<int> RunAsync(CliContext context, IReadOnlyList<string> args, CancellationToken cancel) => Inspect(context, args, null, cancel);

    public static Task<int> ContainerAsync(CliContext context, IReadOnlyList<string> args, CancellationToken cancel) => Inspect(context, args, "container", cancel);

    public static Task<int> VolumeAsync(CliContext context, IReadOnlyList<string> args, CancellationToken cancel) => Inspect(context, args, "volume", cancel);

    private static async Task<int> Inspect(CliContext context, IReadOnlyList<string> args, string? fixedType, CancellationToken cancel)
    {
        var f = new FlagParser("berth inspect").Value("format", "f").Value("type").Bool("size", "s").Parse(args);
        ContainerLifecycleCommands.RequireArgs(f, "berth inspect", 1);
        var type = fixedType ?? f.Last("type");
        if (type is not (null or "" or "container" or "image" or "volume" or "network"))
            throw new UsageException(type is "node" or "plugin" or "secret" or "service" or "task" or "config"
                ? $"inspecting {type}s is not supported yet" : $"\"{type}\" is not a valid value for --type");
        using var client = await DaemonConnector.ConnectAsync(context, cancel);
        var found = new List<JsonElement>();
        var errors = new List<string>();
        foreach (var name in f.Arguments)
        {
            var json = await Find(client, name, type, f.Flag("size"), cancel);
            if (json is null)
                errors.Add(type switch
                {
                    "container" => $"No such container: {name}",
                    "image" => $"No such image: {name}",
                    "volume" => $"No such volume: {name}",
                    "network" => $"network {name} not found",
                    _ => $"No such object: {name}",
                });
            else
                found.Add(JsonDocument.Parse(json).RootElement.Clone());
        }
        var format = f.Last("format");
        if (string.IsNullOrEmpty(format))
            await context.Out.WriteLineAsync(Indent(found));
        else
            foreach (var element in found)
                await context.Out.WriteAsync(Formatter.Render(format, TemplateValue.From(element.ValueKind == JsonValueKind.Object ? TemplateObject.FromJson(element) : (object?)element.ToString())));
        foreach (var e in errors) await context.Err.WriteLineAsync(fixedType is null && type is null ? $"Error: {e}" : $"Error response from daemon: {e}");
        return errors.Count > 0 ? 1 : 0;
    }

    private static async Task<string?> Find(BerthClient client, string name, string? type, bool size, CancellationToken cancel)
    {
        var paths = new List<string>();
        if (type is null or "" or "container") paths.Add($"containers/{Uri.EscapeDataString(name)}/json" + (size ? "?size=1" : ""));
        if (type is null or "" or "image") paths.Add($"images/{name}/json");
        if (type is null or "" or "network") paths.Add($"networks/{Uri.EscapeDataString(name)}");
        if (type is null or "" or "volume") paths.Add($"volumes/{Uri.EscapeDataString(name)}");
        foreach (var path in paths)
        {
            try
            {
                return await client.GetRawJsonAsync(path, cancel);
            }
            // A daemon without networks yet (501) has no network of that name for a search across all types.
            catch (ClientException e) when (e.Status is 404 or 400 || (e.Status == 501 && type is null or ""))
            {
            }
        }
        return null;
    }

    // docker indents the daemon's JSON with four spaces and keeps its key order.
    internal static string Indent(IReadOnlyList<JsonElement> elements)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, IndentSize = 4, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartArray();
            foreach (var e in elements) e.WriteTo(writer);
            writer.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
