using Berth.Engine.Config;
using Berth.Network.Firewall;
using Berth.Network.Ipam;

namespace Berth.Engine.Networks;

// Berth's nftables table: masquerade and isolation per bridge network, and the published ports of running
// containers. The whole table is rewritten in one transaction on each change, which keeps it exact after crashes.
public sealed partial class NetworkService
{
    private NftablesFirewall? _firewall;
    private readonly Dictionary<string, List<PortForward>> _forwards = new(StringComparer.Ordinal);

    // "berth" for the default bridge device; a daemon given another bridge (a second daemon, a test) keeps a table
    // of its own, so daemons on one host never rewrite each other's rules.
    public string FirewallTable => _options.Bridge is DaemonOptions.DefaultBridge or "none" ? NftablesFirewall.DefaultTableName : "berth_" + _options.Bridge;

    private NftablesFirewall Firewall
    {
        get
        {
            lock (_gate) return _firewall ??= new NftablesFirewall(FirewallTable);
        }
    }

    private void ApplyFirewall()
    {
        FirewallState state;
        lock (_gate)
        {
            var bridges = _byId.Values.Where(r => r.Driver == NetworkDrivers.Bridge && r.Subnet is not null)
                .Select(r => new FirewallBridge(r.BridgeName!, Ipv4Subnet.Parse(r.Subnet!), r.Internal)).ToList();
            state = new FirewallState(bridges, _forwards.Values.SelectMany(f => f).ToList());
        }
        try { Firewall.ApplyAsync(state).GetAwaiter().GetResult(); }
        catch (FirewallException e) { throw new NetworkException(500, e.Message); }
    }

    private static void EnableForwarding(string bridge)
    {
        try { FirewallSysctls.Enable(bridge); }
        catch (FirewallException e) { throw new NetworkException(500, e.Message); }
    }
}
