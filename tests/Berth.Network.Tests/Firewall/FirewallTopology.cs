using System.Net;
using System.Net.Sockets;
using Berth.Linux.Namespaces;
using Berth.Linux.Native;
using Berth.Linux.Processes;
using Berth.Network.Firewall;
using Berth.Network.Ipam;

namespace Berth.Network.Tests.Firewall;

// Throwaway network namespaces standing in for a host and its containers, so the firewall is applied in a
// "host" namespace and never near the real host's tables:
//   host:  br1 10.201.1.1/24, br2 10.201.2.1/24, br3 10.201.3.1/24 (internal), uplink 10.201.9.1/24
//   c1 10.201.1.2 on br1, c2 10.201.2.2 on br2, c3 10.201.3.2 on br3, outside 10.201.9.2 on the uplink.
// outside routes 10.201.0.0/16 through the host, so unmasqueraded traffic would reach it too (and show).
public sealed class FirewallTopology : IDisposable
{
    private readonly string _prefix = "berth-fwt-" + Guid.NewGuid().ToString("N")[..8];
    private readonly List<string> _created = [];

    public string Host => _prefix + "-h";
    public string C1 => _prefix + "-c1";
    public string C2 => _prefix + "-c2";
    public string C3 => _prefix + "-c3";
    public string Outside => _prefix + "-out";

    public static readonly FirewallBridge Br1 = new("br1", Ipv4Subnet.Parse("10.201.1.0/24"), Internal: false);
    public static readonly FirewallBridge Br2 = new("br2", Ipv4Subnet.Parse("10.201.2.0/24"), Internal: false);
    public static readonly FirewallBridge Br3 = new("br3", Ipv4Subnet.Parse("10.201.3.0/24"), Internal: true);

    public NftablesFirewall Firewall { get; }

    public FirewallTopology()
    {
        Firewall = new NftablesFirewall("berth-fwt", "/run/netns/" + Host);
        try
        {
            foreach (var ns in new[] { Host, C1, C2, C3, Outside })
            {
                Ip("netns", "add", ns);
                _created.Add(ns);
                Ip("-n", ns, "link", "set", "lo", "up");
            }
            Attach("br1", "v1", C1, "10.201.1");
            Attach("br2", "v2", C2, "10.201.2");
            Attach("br3", "v3", C3, "10.201.3");
            Ip("-n", Host, "link", "add", "uplink", "type", "veth", "peer", "name", "eth0", "netns", Outside);
            Ip("-n", Host, "addr", "add", "10.201.9.1/24", "dev", "uplink");
            Ip("-n", Host, "link", "set", "uplink", "up");
            Ip("-n", Outside, "addr", "add", "10.201.9.2/24", "dev", "eth0");
            Ip("-n", Outside, "link", "set", "eth0", "up");
            Ip("-n", Outside, "route", "add", "10.201.0.0/16", "via", "10.201.9.1");
            InNamespace(Host, fd =>
            {
                foreach (var bridge in new[] { "br1", "br2", "br3" }) FirewallSysctls.Enable(bridge, fd);
                return 0;
            });
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    private void Attach(string bridge, string port, string container, string net)
    {
        Ip("-n", Host, "link", "add", bridge, "type", "bridge");
        Ip("-n", Host, "addr", "add", $"{net}.1/24", "dev", bridge);
        Ip("-n", Host, "link", "set", bridge, "up");
        Ip("-n", Host, "link", "add", port, "type", "veth", "peer", "name", "eth0", "netns", container);
        Ip("-n", Host, "link", "set", port, "master", bridge, "up");
        Ip("-n", container, "addr", "add", $"{net}.2/24", "dev", "eth0");
        Ip("-n", container, "link", "set", "eth0", "up");
        Ip("-n", container, "route", "add", "default", "via", $"{net}.1");
    }

    public static void Ip(params string[] args)
    {
        var result = CommandRunner.RunAsync("/usr/sbin/ip", ["ip", .. args], CancellationToken.None).GetAwaiter().GetResult();
        if (result.ExitCode != 0) throw new InvalidOperationException($"ip {string.Join(' ', args)}: {result.Stderr.Trim()}");
    }

    // Runs work on a thread inside the namespace; sockets made there stay in it wherever they are used later.
    public static T InNamespace<T>(string ns, Func<int, T> work)
    {
        var fd = NamespaceFiles.Open("/run/netns/" + ns, NamespaceKind.Network);
        try
        {
            return NamespaceThread.Run(0, [(NamespaceKind.Network, fd)], () => work(fd));
        }
        finally
        {
            Fd.Close(fd);
        }
    }

    public static Socket Listen(string ns, ProtocolType protocol, int port) => InNamespace(ns, _ =>
    {
        var socket = protocol == ProtocolType.Tcp
            ? new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)
            : new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Any, port));
        if (protocol == ProtocolType.Tcp) socket.Listen();
        return socket;
    });

    public static Socket Client(string ns, ProtocolType protocol) => InNamespace(ns, _ => protocol == ProtocolType.Tcp
        ? new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)
        : new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp));

    public void Dispose()
    {
        foreach (var ns in _created)
        {
            try
            {
                Ip("netns", "del", ns);
            }
            catch (InvalidOperationException)
            {
                // Already gone; deleting the others matters more.
            }
        }
        _created.Clear();
    }
}
