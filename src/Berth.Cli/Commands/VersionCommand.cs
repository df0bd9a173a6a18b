using System.Runtime.InteropServices;
using Berth.Api.Models;
using Berth.Cli.Support;
using Berth.Client;

namespace Berth.Cli.Commands;

// `berth version`: the client's versions, then the daemon's, laid out as docker's.
public static class VersionCommand
{
    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args, CancellationToken cancel)
    {
        var flags = new FlagParser("berth version").Parse(args);
        if (flags.Arguments.Count > 0)
            throw new UsageException($"\"berth version\" accepts no arguments; see 'berth version --help'");

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

    private static string GoArch() => RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "amd64",
        Architecture.Arm64 => "arm64",
        var other => other.ToString().ToLowerInvariant(),
    };
}
