using System.Text.Json;
using Berth.Api.Models;
using Berth.Cli.Formatting;
using Berth.Cli.Support;

namespace Berth.Cli.Commands;

// `berth info`: the daemon's /info, laid out as docker's.
public static class InfoCommand
{
    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args, CancellationToken cancel)
    {
        var flags = new FlagParser("berth info").Value("format", "f").Parse(args);
        if (flags.Arguments.Count > 0)
            throw new UsageException("\"berth info\" accepts no arguments; see 'berth info --help'");
        if (flags.Last("format") is { Length: > 0 } format)
        {
            // As docker's: the template runs over the daemon's /info, as it came.
            using var formatClient = await DaemonConnector.ConnectAsync(context, cancel);
            using var raw = JsonDocument.Parse(await formatClient.GetRawJsonAsync("info", cancel));
            await context.Out.WriteAsync(Formatter.Render(format, TemplateObject.FromJson(raw.RootElement)));
            return 0;
        }

        var o = context.Out;
        await o.WriteLineAsync("Client:");
        await o.WriteLineAsync($" Version:    {CliContext.Version}");
        await o.WriteLineAsync($" Debug Mode: {Bool(context.Debug)}");
        await o.WriteLineAsync();

        using var client = await DaemonConnector.ConnectAsync(context, cancel);
        var info = await client.GetInfoAsync(cancel);
        await o.WriteAsync(Render(info));
        return 0;
    }

    internal static string Render(SystemInfo i)
    {
        var w = new StringWriter { NewLine = "\n" };
        w.WriteLine("Server:");
        w.WriteLine($" Containers: {i.Containers}");
        w.WriteLine($"  Running: {i.ContainersRunning}");
        w.WriteLine($"  Paused: {i.ContainersPaused}");
        w.WriteLine($"  Stopped: {i.ContainersStopped}");
        w.WriteLine($" Images: {i.Images}");
        w.WriteLine($" Server Version: {i.ServerVersion}");
        w.WriteLine($" Storage Driver: {i.Driver}");
        foreach (var pair in i.DriverStatus)
        {
            if (pair.Length == 2) w.WriteLine($"  {pair[0]}: {pair[1]}");
        }
        w.WriteLine($" Logging Driver: {i.LoggingDriver}");
        w.WriteLine($" Cgroup Driver: {i.CgroupDriver}");
        w.WriteLine($" Cgroup Version: {i.CgroupVersion}");
        w.WriteLine(" Plugins:");
        w.WriteLine($"  Volume: {string.Join(' ', i.Plugins.Volume)}");
        w.WriteLine($"  Network: {string.Join(' ', i.Plugins.Network)}");
        w.WriteLine($"  Log: {string.Join(' ', i.Plugins.Log)}");
        w.WriteLine($" Swarm: {i.Swarm.LocalNodeState}");
        w.WriteLine($" Runtimes: {string.Join(' ', i.Runtimes.Keys.Order(StringComparer.Ordinal))}");
        w.WriteLine($" Default Runtime: {i.DefaultRuntime}");
        w.WriteLine($" Init Binary: {i.InitBinary}");
        if (i.SecurityOptions.Count > 0)
        {
            w.WriteLine(" Security Options:");
            foreach (var option in i.SecurityOptions)
            {
                // "name=seccomp,profile=builtin" is shown as the name with its settings below it.
                var parts = option.Split(',');
                w.WriteLine($"  {Value(parts[0])}");
                foreach (var setting in parts.Skip(1))
                {
                    var eq = setting.IndexOf('=');
                    if (eq > 0) w.WriteLine($"   {char.ToUpperInvariant(setting[0])}{setting[1..eq]}: {setting[(eq + 1)..]}");
                }
            }
        }
        w.WriteLine($" Kernel Version: {i.KernelVersion}");
        w.WriteLine($" Operating System: {i.OperatingSystem}");
        w.WriteLine($" OSType: {i.OSType}");
        w.WriteLine($" Architecture: {i.Architecture}");
        w.WriteLine($" CPUs: {i.NCPU}");
        w.WriteLine($" Total Memory: {ByteSize.Binary(i.MemTotal)}");
        w.WriteLine($" Name: {i.Name}");
        w.WriteLine($" ID: {i.ID}");
        w.WriteLine($" Docker Root Dir: {i.DockerRootDir}");
        w.WriteLine($" Debug Mode: {Bool(i.Debug)}");
        w.WriteLine($" Experimental: {Bool(i.ExperimentalBuild)}");
        if (i.RegistryConfig.InsecureRegistryCIDRs.Count > 0)
        {
            w.WriteLine(" Insecure Registries:");
            foreach (var cidr in i.RegistryConfig.InsecureRegistryCIDRs) w.WriteLine($"  {cidr}");
        }
        if (i.RegistryConfig.Mirrors.Count > 0)
        {
            w.WriteLine(" Registry Mirrors:");
            foreach (var mirror in i.RegistryConfig.Mirrors) w.WriteLine($"  {mirror}");
        }
        w.WriteLine($" Live Restore Enabled: {Bool(i.LiveRestoreEnabled)}");
        foreach (var warning in i.Warnings) w.WriteLine(warning);
        return w.ToString();
    }

    private static string Value(string keyValue) => keyValue.IndexOf('=') is var eq and >= 0 ? keyValue[(eq + 1)..] : keyValue;

    private static string Bool(bool b) => b ? "true" : "false";
}
