using Berth.Api.Models.Networks;
using Berth.Cli.Support;

namespace Berth.Cli.Commands.Networks;

// Pairs `network create`'s --subnet, --ip-range, --gateway and --aux-address into one IPAM config per subnet,
// refusing what docker 28's CLI refuses before asking the daemon (with its messages); the texts go as typed.
public static class IpamConfigBuilder
{
    public static List<IpamConfig> Build(IReadOnlyList<string> subnets, IReadOnlyList<string> ranges, IReadOnlyList<string> gateways,
        IReadOnlyList<KeyValuePair<string, string>> auxAddresses)
    {
        if (subnets.Count < ranges.Count || subnets.Count < gateways.Count)
            throw new CommandFailedException("every ip-range or gateway must have a corresponding subnet");

        var configs = new List<IpamConfig>();
        foreach (var subnet in subnets)
        {
            foreach (var earlier in configs)
                if (Matches(subnet, earlier.Subnet!) || Matches(earlier.Subnet!, subnet))
                    throw new CommandFailedException("multiple overlapping subnet configuration is not supported");
            configs.Add(new IpamConfig { Subnet = subnet });
        }
        foreach (var text in ranges)
        {
            if (IpText.ParseCidr(text) is null)
                throw new CommandFailedException($"invalid CIDR address: {text}");
            var matched = false;
            foreach (var config in configs.Where(c => Matches(c.Subnet!, text)))
            {
                if (config.IPRange is not null)
                    throw new CommandFailedException($"cannot configure multiple ranges ({text}, {config.IPRange}) on the same subnet ({config.Subnet})");
                config.IPRange = text;
                matched = true;
            }
            if (!matched) throw new CommandFailedException($"no matching subnet for range {text}");
        }
        foreach (var text in gateways)
        {
            var matched = false;
            foreach (var config in configs.Where(c => Matches(c.Subnet!, text)))
            {
                if (config.Gateway is not null)
                    throw new CommandFailedException($"cannot configure multiple gateways ({text}, {config.Gateway}) for the same subnet ({config.Subnet})");
                config.Gateway = text;
                matched = true;
            }
            if (!matched) throw new CommandFailedException($"no matching subnet for gateway {text}");
        }
        foreach (var (name, value) in auxAddresses)
        {
            var matched = false;
            foreach (var config in configs.Where(c => Matches(c.Subnet!, value)))
            {
                (config.AuxiliaryAddresses ??= [])[name] = value;
                matched = true;
            }
            if (!matched) throw new CommandFailedException($"no matching subnet for aux-address {value}");
        }
        return configs;
    }

    // docker's subnetMatches: does the CIDR `subnet` contain the address of `data` (an address or a CIDR)?
    private static bool Matches(string subnet, string data)
    {
        var block = IpText.ParseCidr(subnet) ?? throw new CommandFailedException($"invalid subnet: invalid CIDR address: {subnet}");
        var address = data.Contains('/')
            ? (IpText.ParseCidr(data) ?? throw new CommandFailedException($"invalid CIDR address: {data}")).Address
            : IpText.ParseIp(data);
        return address is not null && IpText.Contains(block, address);
    }
}
