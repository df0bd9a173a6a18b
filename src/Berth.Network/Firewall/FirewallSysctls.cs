using Berth.Linux.Netlink;

namespace Berth.Network.Firewall;

// The kernel settings the ruleset depends on, per network namespace (netnsFd null: the daemon's own).
public static class FirewallSysctls
{
    // ip_forward lets bridged containers reach other interfaces; route_localnet on the bridge lets a packet
    // DNATed from 127.0.0.1 leave by it (it is masqueraded on the way out), so published ports answer on loopback.
    public static void Enable(string bridgeName, int? netnsFd = null)
    {
        NftablesRuleset.ValidateInterfaceName(bridgeName);
        // Writing ip_forward resets other per-interface settings to router defaults, so write it only on change.
        if (Read("net.ipv4.ip_forward", netnsFd) != "1") Write("net.ipv4.ip_forward", "1", netnsFd);
        // '/' separators: a bridge name may contain dots.
        Write($"net/ipv4/conf/{bridgeName}/route_localnet", "1", netnsFd);
    }

    private static string Read(string key, int? netnsFd) =>
        netnsFd is { } fd ? NetworkSysctl.Read(fd, key) : NetworkSysctl.Read(key);

    private static void Write(string key, string value, int? netnsFd)
    {
        try
        {
            if (netnsFd is { } fd) NetworkSysctl.Write(fd, key, value);
            else NetworkSysctl.Write(key, value);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A missing bridge shows as a missing /proc/sys/net/ipv4/conf/<name> directory.
            throw new FirewallException($"cannot set {key.Replace('/', '.')} to {value}: {e.Message}");
        }
    }
}
