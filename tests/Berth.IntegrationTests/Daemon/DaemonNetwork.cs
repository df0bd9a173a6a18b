using System.Text.Json;
using Berth.IntegrationTests.Netlink;
using Berth.Linux.Netlink;

namespace Berth.IntegrationTests.Daemon;

// The default bridge of one test daemon: a device name and a 10.199.X.0/24 of its own, so daemons running side
// by side never share a bridge, a subnet or a firewall table; Remove deletes every bridge the daemon made.
public sealed record DaemonNetwork(string Bridge, string Gateway, string Subnet)
{
    private static readonly HashSet<string> Handed = [];

    public static DaemonNetwork Create()
    {
        using var host = RouteNetlink.Open();
        lock (Handed)
        {
            while (true)
            {
                var (network, gateway, _, _) = ThrowawayNetns.FreeSubnet(host);
                if (!Handed.Add(network.ToString())) continue;
                return new DaemonNetwork("bt" + Guid.NewGuid().ToString("N")[..8], gateway.ToString(), network + "/24");
            }
        }
    }

    public string DaemonJson => JsonSerializer.Serialize(new Dictionary<string, string> { ["bridge"] = Bridge, ["bip"] = Gateway + "/24" });

    // The nftables table the daemon keeps for this bridge.
    public string FirewallTable => "berth_" + Bridge;

    // After the daemon is gone: its default bridge, its user networks' bridges and its firewall table.
    public void Remove(string dataRoot)
    {
        var bridges = new List<string> { Bridge };
        var networks = Path.Combine(dataRoot, "networks");
        if (Directory.Exists(networks))
        {
            foreach (var file in Directory.EnumerateFiles(networks, "*.json"))
            {
                try
                {
                    using var doc = JsonDocument.Parse(File.ReadAllText(file));
                    if (doc.RootElement.TryGetProperty("BridgeName", out var name) && name.GetString() is { Length: > 0 } n) bridges.Add(n);
                }
                catch (Exception e) when (e is IOException or JsonException) { }
            }
        }
        using (var host = RouteNetlink.Open())
        {
            foreach (var bridge in bridges.Distinct()) host.TryDeleteLink(bridge);
        }
        using var nft = System.Diagnostics.Process.Start("nft", ["delete", "table", "ip", FirewallTable]);
        nft?.WaitForExit();
    }
}
