using System.Runtime.InteropServices;
using System.Text.Json;
using Berth.Api.Models;
using Berth.Cli.Formatting;
using Berth.Cli.Support;
using Berth.Client;

namespace Berth.Cli.Commands;

// `berth version`: the client's versions, then the daemon's, laid out as docker's.
public static class VersionCommand
{
    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args, CancellationToken cancel)
    {
        var flags = new FlagParser("berth version").Value("format", "f").Parse(args);
        if (flags.Arguments.Count > 0)
            throw new UsageException($"\"berth version\" accepts no arguments; see 'berth version --help'");
        if (flags.Last("format") is { Length: > 0 } format) return await FormatAsync(context, format, cancel);

        var o = context.Out;
        await o.WriteLineAsync("Client:");
        await o.WriteLineAsync($" Version:           {CliContext.Version}");
        await o.WriteLineAsync($" API version:       {ApiVersion.Max}");
        await o.WriteLineAsync($" .NET version:      {Environment.Version}");
        await o.WriteLineAsync($" OS/Arch:           linux/{GoArch()}");
        await o.WriteLineAsync();

        using var client = await DaemonConnector.ConnectAsync(context, cancel);
        var v = await client.GetVersionAsync(cancel);
        await o.WriteLineAsync($"Server: {v.Platform?.Name}".TrimEnd());
        foreach (var component in v.Components)
        {
            await o.WriteLineAsync($" {component.Name}:");
            await o.WriteLineAsync($"  Version:          {component.Version}");
            if (component.Name != "Engine") continue;
            await o.WriteLineAsync($"  API version:      {v.ApiVersion} (minimum version {v.MinApiVersion})");
            await o.WriteLineAsync($"  Runtime:          {v.GoVersion}");
            await o.WriteLineAsync($"  Git commit:       {v.GitCommit}");
            await o.WriteLineAsync($"  Built:            {v.BuildTime}");
            await o.WriteLineAsync($"  OS/Arch:          {v.Os}/{v.Arch}");
            await o.WriteLineAsync($"  Experimental:     {(v.Experimental ? "true" : "false")}");
        }
        return 0;
    }

    // As docker's: the template sees .Client (this program) and .Server (the daemon's /version, as it came).
    private static async Task<int> FormatAsync(CliContext context, string format, CancellationToken cancel)
    {
        var clientInfo = TemplateObject.Struct("types.ClientVersion", [
            new("Platform", TemplateObject.Struct("struct { Name string }", [new("Name", "")])),
            new("Version", CliContext.Version),
            new("ApiVersion", ApiVersion.Max.ToString()),
            new("DefaultAPIVersion", ApiVersion.Max.ToString()),
            new("GitCommit", ""),
            new("GoVersion", Environment.Version.ToString()),
            new("Os", "linux"),
            new("Arch", GoArch()),
            new("BuildTime", ""),
            new("Context", "default"),
        ]);
        using var client = await DaemonConnector.ConnectAsync(context, cancel);
        using var server = JsonDocument.Parse(await client.GetRawJsonAsync("version", cancel));
        var data = TemplateObject.Struct("types.VersionInfo", [
            new("Client", clientInfo),
            new("Server", TemplateObject.FromJson(server.RootElement)),
        ]);
        await context.Out.WriteAsync(Formatter.Render(format, data));
        return 0;
    }

    private static string GoArch() => RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "amd64",
        Architecture.Arm64 => "arm64",
        var other => other.ToString().ToLowerInvariant(),
    };
}
