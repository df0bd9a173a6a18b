using Berth.Api.Models.Networks;
using Berth.Cli.Support;

namespace Berth.Cli.Commands.Networks;

// `berth network create NAME` with docker's flags; prints the new network's full ID.
public static class NetworkCreateCommand
{
    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args, CancellationToken cancel)
    {
        var f = new FlagParser("berth network create").Value("driver", "d").Value("opt", "o").Value("label").Bool("internal")
            .Bool("ipv4").Bool("ipv6").Bool("attachable").Bool("ingress").Value("scope").Bool("config-only").Value("config-from")
            .Value("ipam-driver").Value("subnet").Value("ip-range").Value("gateway").Value("aux-address").Value("ipam-opt").Parse(args);
        if (f.Arguments.Count != 1)
            throw new UsageException("\"berth network create\" requires exactly 1 argument.\nSee 'berth network create --help'.");
        foreach (var unsupported in new[] { "ipv6", "ingress", "config-only" })
            if (f.Flag(unsupported))
                throw new UsageException($"--{unsupported} is not supported yet");
        if (!string.IsNullOrEmpty(f.Last("config-from")))
            throw new UsageException("--config-from is not supported yet");
        var request = new NetworkCreateRequest
        {
            Name = f.Arguments[0],
            Driver = f.Last("driver") ?? "bridge",
            Scope = f.Last("scope") ?? "",
            IPAM = new NetworkIpam
            {
                Driver = f.Last("ipam-driver") ?? "default",
                Options = KeyValues.Map(f.All("ipam-opt")),
                Config = IpamConfigBuilder.Build(KeyValues.Split(f.All("subnet")), KeyValues.Split(f.All("ip-range")),
                    KeyValues.Split(f.All("gateway")), KeyValues.Pairs(f.All("aux-address"))),
            },
            Internal = f.Flag("internal"),
            Attachable = f.Flag("attachable"),
            EnableIPv4 = f.IsSet("ipv4") ? f.Flag("ipv4") : null,
            EnableIPv6 = f.IsSet("ipv6") ? false : null,
            Options = KeyValues.Map(f.All("opt")),
            Labels = KeyValues.Map(f.All("label")),
        };
        using var client = await DaemonConnector.ConnectAsync(context, cancel);
        var created = await client.CreateNetworkAsync(request, cancel);
        await context.Out.WriteLineAsync(created.Id);
        return 0;
    }
}
