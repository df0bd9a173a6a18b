using System.Text.Json;
using Berth.Cli.Formatting;
using Berth.Cli.Support;
using Berth.Client;

namespace Berth.Cli.Commands.Networks;

// `berth network inspect`: the daemon's JSON of each network in an indented array, or each through -f's
// template; a network the daemon refuses is reported after the others with its message, exit 1.
public static class NetworkInspectCommand
{
    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args, CancellationToken cancel)
    {
        var f = new FlagParser("berth network inspect").Value("format", "f").Bool("verbose", "v").Parse(args);
        ContainerLifecycleCommands.RequireArgs(f, "berth network inspect", 1);
        using var client = await DaemonConnector.ConnectAsync(context, cancel);
        var found = new List<JsonElement>();
        var errors = new List<string>();
        foreach (var name in f.Arguments)
        {
            try
            {
                var json = await client.GetRawJsonAsync($"networks/{Uri.EscapeDataString(name)}", cancel);
                found.Add(JsonDocument.Parse(json).RootElement.Clone());
            }
            catch (ClientException e) when (e.Status > 0)
            {
                errors.Add($"Error response from daemon: {e.Message}");
            }
        }
        var format = f.Last("format");
        if (string.IsNullOrEmpty(format))
            await context.Out.WriteLineAsync(InspectCommand.Indent(found));
        else
            foreach (var element in found)
                await context.Out.WriteAsync(Formatter.Render(format, TemplateValue.FromJson(element)));
        foreach (var e in errors) await context.Err.WriteLineAsync(e);
        return errors.Count > 0 ? 1 : 0;
    }
}
