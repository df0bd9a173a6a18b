using System.Net;
using System.Net.NetworkInformation;
using Berth.Linux.Namespaces;
using Berth.Linux.Native;

namespace Berth.Linux.Netlink;

// An rtnetlink client bound to one network namespace: links, IPv4 addresses and routes, without `ip`.
// Not thread-safe: use one per namespace and thread. Failures throw NetlinkException with the errno.
public sealed class RouteNetlink : IDisposable
{
    private readonly NetlinkSocket _socket;

    private RouteNetlink(NetlinkSocket socket) => _socket = socket;

    // A client for the calling thread's network namespace (the host's, for the daemon).
    public static RouteNetlink Open() => new(NetlinkSocket.Open());

    // A client for another namespace: the socket is created on a short-lived thread that joined it,
    // and a netlink socket stays in the namespace it was created in.
    public static RouteNetlink OpenInNamespace(int netnsFd) =>
        NamespaceThread.Run(0, [(NamespaceKind.Network, netnsFd)], () => new RouteNetlink(NetlinkSocket.Open()));

    public static RouteNetlink OpenInNamespace(string netnsPath)
    {
        var fd = NamespaceFiles.Open(netnsPath, NamespaceKind.Network);
        try
        {
            return OpenInNamespace(fd);
        }
        finally
        {
            Fd.Close(fd);
        }
    }

    public NetworkLink CreateBridge(string name, int? mtu = null, PhysicalAddress? address = null, bool up = true)
    {
        _socket.Execute(RtnetlinkRequests.CreateBridge(name, mtu, address, up));
        return GetLink(name) ?? throw new NetlinkException($"create bridge {name}", NetlinkException.ENODEV, "gone right after creation");
    }

    // Creates the pair in one request (peer moved, named, addressed and enslaved at creation) and returns the near end.
    public NetworkLink CreateVethPair(VethPair pair)
    {
        _socket.Execute(RtnetlinkRequests.CreateVeth(pair));
        return GetLink(pair.Name) ?? throw new NetlinkException($"create veth {pair.Name}", NetlinkException.ENODEV, "gone right after creation");
    }

    public void Configure(int index, LinkSettings settings) => _socket.Execute(RtnetlinkRequests.Configure(index, settings));

    public void SetUp(int index) => Configure(index, new LinkSettings { Up = true });

    public void SetDown(int index) => Configure(index, new LinkSettings { Up = false });

    public void SetMaster(int index, int masterIndex) => Configure(index, new LinkSettings { MasterIndex = masterIndex });

    public void SetMtu(int index, int mtu) => Configure(index, new LinkSettings { Mtu = mtu });

    public void SetAddress(int index, PhysicalAddress address) => Configure(index, new LinkSettings { Address = address });

    public void Rename(int index, string newName) => Configure(index, new LinkSettings { Name = newName });

    // Hairpin mode on a bridge port lets a container reach itself through a published port.
    public void SetHairpin(int index, bool on) => _socket.Execute(RtnetlinkRequests.SetHairpin(index, on));

    // Loopback is always index 1 in a namespace.
    public void SetLoopbackUp() => SetUp(1);

    public void DeleteLink(int index) => _socket.Execute(RtnetlinkRequests.DeleteLink(index));

    public void DeleteLink(string name) => _socket.Execute(RtnetlinkRequests.DeleteLink(name));

    // Deletes a link if it exists; true when it did.
    public bool TryDeleteLink(string name)
    {
        try
        {
            DeleteLink(name);
            return true;
        }
        catch (NetlinkException e) when (e.Errno == NetlinkException.ENODEV)
        {
            return false;
        }
    }

    public NetworkLink? GetLink(string name) => Get(RtnetlinkRequests.GetLink(name));

    public NetworkLink? GetLink(int index) => Get(RtnetlinkRequests.GetLink(index));

    private NetworkLink? Get(NetlinkRequest request)
    {
        try
        {
            var replies = _socket.Execute(request);
            return replies.Count > 0 ? RtnetlinkParsers.Link(replies[0]) : null;
        }
        catch (NetlinkException e) when (e.Errno == NetlinkException.ENODEV)
        {
            return null;
        }
    }

    public IReadOnlyList<NetworkLink> ListLinks() =>
        _socket.Execute(RtnetlinkRequests.ListLinks()).Select(p => RtnetlinkParsers.Link(p)).ToList();

    public void AddAddress(int index, IPAddress address, int prefixLength, IPAddress? broadcast = null) =>
        _socket.Execute(RtnetlinkRequests.AddAddress(index, address, prefixLength, broadcast));

    public void DeleteAddress(int index, IPAddress address, int prefixLength) =>
        _socket.Execute(RtnetlinkRequests.DeleteAddress(index, address, prefixLength));

    // IPv4 addresses of one link, or of all links when index is null.
    public IReadOnlyList<InterfaceAddress> ListAddresses(int? index = null) =>
        _socket.Execute(RtnetlinkRequests.ListAddresses())
            .Select(p => RtnetlinkParsers.Address(p))
            .OfType<InterfaceAddress>()
            .Where(a => index is null || a.LinkIndex == index)
            .ToList();

    public void AddRoute(IPAddress destination, int prefixLength, IPAddress? gateway, int? outputIndex = null, int table = RouteTables.Main) =>
        _socket.Execute(RtnetlinkRequests.AddRoute(destination, prefixLength, gateway, outputIndex, table));

    public void AddDefaultRoute(IPAddress gateway, int? outputIndex = null) =>
        AddRoute(IPAddress.Any, 0, gateway, outputIndex);

    public void DeleteRoute(IPAddress destination, int prefixLength, IPAddress? gateway, int? outputIndex = null, int table = RouteTables.Main) =>
        _socket.Execute(RtnetlinkRequests.DeleteRoute(destination, prefixLength, gateway, outputIndex, table));

    // IPv4 routes of one table (main by default; null for all tables), e.g. to keep new subnets off the host's routes.
    public IReadOnlyList<Ipv4Route> ListRoutes(int? table = RouteTables.Main) =>
        _socket.Execute(RtnetlinkRequests.ListRoutes())
            .Select(p => RtnetlinkParsers.Route(p))
            .OfType<Ipv4Route>()
            .Where(r => table is null || r.Table == table)
            .ToList();

    // Configures a container's end of a veth in one datagram: loopback up, the interface up, its address,
    // and the default route via the gateway (when given). The fastest path for per-container setup.
    public void ConfigureInterface(int index, IPAddress address, int prefixLength, IPAddress? broadcast, IPAddress? gateway, bool loopbackUp = true)
    {
        var requests = new List<NetlinkRequest>(4);
        if (loopbackUp) requests.Add(RtnetlinkRequests.Configure(1, new LinkSettings { Up = true }, "lo"));
        requests.Add(RtnetlinkRequests.Configure(index, new LinkSettings { Up = true }));
        requests.Add(RtnetlinkRequests.AddAddress(index, address, prefixLength, broadcast));
        if (gateway is not null) requests.Add(RtnetlinkRequests.AddRoute(IPAddress.Any, 0, gateway, index, RouteTables.Main));
        _socket.Execute(requests);
    }

    public void Dispose() => _socket.Dispose();
}
