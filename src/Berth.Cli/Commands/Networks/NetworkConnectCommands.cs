using Berth.Api.Models.Containers;
using Berth.Api.Models.Networks;
using Berth.Cli.Support;

namespace Berth.Cli.Commands.Networks;

// `berth network connect NETWORK CONTAINER` (--alias, --ip, --link, --driver-opt, --gw-priority, ...) and
// `berth network disconnect [-f] NETWORK CONTAINER`; both print nothing when they succeed.
public static class NetworkConnectCommands
{
    public static async Task<int> ConnectAsync(CliContext context, IReadOnlyList<string> args, CancellationToken cancel)
    {
        var f = new FlagParser("berth network connect").Value("alias").Value("ip").Value("ip6").Value("link").Value("link-local-ip")
            .Value("driver-opt").Value("gw-priority").Parse(args);
        RequireTwo(f, "berth network connect");
        if (!string.IsNullOrEmpty(f.Last("ip6")))
            throw new UsageException("--ip6 is not supported yet");
        var priority = 0;
        if (f.Last("gw-priority") is { } text && !int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out priority))
            throw new UsageException($"invalid argument \"{text}\" for \"--gw-priority\" flag: strconv.ParseInt: parsing \"{text}\": invalid syntax");
        var driverOpts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var opt in KeyValues.Split(f.All("driver-opt")))
        {
            var eq = opt.IndexOf('=');
            if (eq < 0 || opt[..eq].Trim().Length == 0)
                throw new CommandFailedException("invalid key/value pair format in driver options");
            driverOpts[opt[..eq].Trim()] = opt[(eq + 1)..].Trim();
        }
        var endpoint = new EndpointSettings
        {
            // Addresses go as typed: the daemon checks them, as dockerd does for docker's CLI.
            IPAMConfig = new EndpointIpamConfig { IPv4Address = f.Last("ip"), LinkLocalIPs = KeyValues.Split(f.All("link-local-ip")) is { Count: > 0 } linkLocal ? linkLocal : null },
            Links = f.All("link").Count > 0 ? [.. f.All("link").Select(ValidateLink)] : null,
            Aliases = KeyValues.Split(f.All("alias")),
            DriverOpts = driverOpts,
            GwPriority = priority,
        };
        using var client = await DaemonConnector.ConnectAsync(context, cancel);
        await client.ConnectNetworkAsync(f.Arguments[0], new NetworkConnectRequest { Container = f.Arguments[1], EndpointConfig = endpoint }, cancel);
        return 0;
    }

    public static async Task<int> DisconnectAsync(CliContext context, IReadOnlyList<string> args, CancellationToken cancel)
    {
        var f = new FlagParser("berth network disconnect").Bool("force", "f").Parse(args);
        RequireTwo(f, "berth network disconnect");
        using var client = await DaemonConnector.ConnectAsync(context, cancel);
        await client.DisconnectNetworkAsync(f.Arguments[0], new NetworkDisconnectRequest { Container = f.Arguments[1], Force = f.Flag("force") }, cancel);
        return 0;
    }

    private static void RequireTwo(ParsedFlags f, string command)
    {
        if (f.Arguments.Count != 2)
            throw new UsageException($"\"{command}\" requires exactly 2 arguments.\nSee '{command} --help'.");
    }

    // docker's ValidateLink: "name" or "name:alias", neither part empty.
    private static string ValidateLink(string link)
    {
        var parts = link.Split(':');
        if (parts.Length > 2 || parts.Any(p => p.Length == 0))
            throw new UsageException($"invalid argument \"{link}\" for \"--link\" flag: bad format for links: {link}");
        return link;
    }
}
