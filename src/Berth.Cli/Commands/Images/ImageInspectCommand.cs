using System.Text;
using System.Text.Json;
using Berth.Cli.Formatting;
using Berth.Cli.Support;
using Berth.Client;

namespace Berth.Cli.Commands.Images;

// `berth image inspect` and `berth inspect` (images only so far): the daemon's JSON for each name, as one indented
// array, or a --format template per image. Names that are not found are reported after the output, and make the
// command exit 1, as docker does.
public static class ImageInspectCommand
{
    public static Task<int> RunImageAsync(CliContext context, IReadOnlyList<string> args, CancellationToken cancel)
    {
        var flags = new FlagParser("berth image inspect").Value("format", "f").Value("platform").Parse(args);
        if (flags.IsSet("platform"))
            throw new UsageException("--platform is not supported yet");
        return InspectAsync(context, flags, "berth image inspect", null, cancel);
    }

    private static async Task<int> InspectAsync(CliContext context, ParsedFlags flags, string command, string? notFound, CancellationToken cancel)
    {
        ArgumentCount.Check(flags, command, "[OPTIONS] NAME [NAME...]", 1, int.MaxValue);
        var format = flags.Last("format");

        using var client = await DaemonConnector.ConnectAsync(context, cancel);
        var found = new List<byte[]>();
        var errors = new List<string>();
        foreach (var name in flags.Arguments)
        {
            try
            {
                found.Add(await client.InspectImageRawAsync(name, cancel));
            }
            // docker's untyped inspect hides which kinds it tried; a typed one passes the daemon's message on.
            catch (ClientException e) when (e.Status == 404 && notFound is not null)
            {
                errors.Add($"Error: {notFound}: {name}");
            }
            catch (ClientException e) when (e.Status > 0)
            {
                errors.Add($"Error response from daemon: {e.Message}");
            }
        }

        var output = new StringBuilder();
        if (string.IsNullOrEmpty(format) || format == Formatter.JsonKey)
            output.Append(GoJsonIndent.Array(found)).Append('\n');
        else
        {
            foreach (var raw in found)
            {
                using var doc = JsonDocument.Parse(raw);
                try
                {
                    output.Append(Formatter.Render(format, TemplateValue.FromJson(doc.RootElement)));
                }
                catch (TemplateException e)
                {
                    throw new CommandFailedException(e.Message);
                }
            }
        }
        await context.Out.WriteAsync(output.ToString());
        foreach (var error in errors)
            await context.Err.WriteLineAsync(error);
        return errors.Count > 0 ? 1 : 0;
    }
}
