using Berth.Linux.Namespaces;

namespace Berth.Linux.Netlink;

// net.* sysctls are per network namespace: /proc/sys/net shows the namespace of the thread that opens it,
// so a value for a container's namespace is written from a thread that joined it.
public static class NetworkSysctl
{
    public static void Write(string key, string value) => File.WriteAllText(PathOf(key), value);

    public static string Read(string key) => File.ReadAllText(PathOf(key)).TrimEnd('\n');

    public static void Write(int netnsFd, string key, string value)
    {
        var path = PathOf(key);
        NamespaceThread.Run(0, [(NamespaceKind.Network, netnsFd)], () =>
        {
            File.WriteAllText(path, value);
            return 0;
        });
    }

    public static string Read(int netnsFd, string key)
    {
        var path = PathOf(key);
        return NamespaceThread.Run(0, [(NamespaceKind.Network, netnsFd)], () => File.ReadAllText(path).TrimEnd('\n'));
    }

    // "net.ipv4.ip_forward" -> /proc/sys/net/ipv4/ip_forward; only net.* keys, which are the per-namespace ones.
    // Interface names may hold dots, so "net.ipv4.conf.br-1.2.route_localnet" cannot be split blindly:
    // pass such keys with '/' separators ("net/ipv4/conf/br-1.2/route_localnet").
    public static string PathOf(string key)
    {
        var relative = key.Contains('/') ? key : key.Replace('.', '/');
        var parts = relative.Split('/');
        if (parts.Length < 2 || parts[0] != "net" || parts.Any(p => p is "" or "." or ".."))
            throw new LinuxException($"invalid network sysctl \"{key}\": expected net.<...>");
        return "/proc/sys/" + relative;
    }
}
