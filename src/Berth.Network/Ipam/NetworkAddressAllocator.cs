namespace Berth.Network.Ipam;

// The addresses of one network. Automatic allocation is serial like libnetwork's: it continues after the
// last address it handed out and wraps around, so an address just released is not reused right away
// (a stale ARP entry or connection would otherwise reach the wrong container). Automatic addresses come
// from the ip-range when one is set; an address asked for explicitly (--ip) may be anywhere in the subnet.
public sealed class NetworkAddressAllocator
{
    private readonly SortedSet<uint> _allocated;
    private uint? _last;

    public Ipv4Subnet Subnet { get; }
    public Ipv4Subnet? IpRange { get; }
    public Ipv4Address Gateway { get; }

    private NetworkAddressAllocator(Ipv4Subnet subnet, Ipv4Subnet? ipRange, Ipv4Address gateway, IEnumerable<uint> allocated, uint? last)
    {
        Subnet = subnet;
        IpRange = ipRange;
        Gateway = gateway;
        _allocated = new SortedSet<uint>(allocated);
        _last = last;
    }

    // A new network: the gateway is reserved first (the given one, or the first free address, .1 normally).
    public static NetworkAddressAllocator Create(Ipv4Subnet subnet, Ipv4Subnet? ipRange = null, Ipv4Address? gateway = null)
    {
        if (ipRange is { } range && !subnet.Contains(range))
            throw new IpamException(IpamErrorKind.InvalidArgument, $"invalid ip-range {range}: it is not within subnet {subnet}");
        if (gateway is { } gw && !subnet.Contains(gw))
            throw new IpamException(IpamErrorKind.InvalidArgument, $"invalid gateway {gw}: it is not within subnet {subnet}");
        var allocator = new NetworkAddressAllocator(subnet, ipRange, default, [], null);
        var chosen = gateway is { } g ? allocator.Allocate(g) : allocator.AllocateNext();
        return new NetworkAddressAllocator(subnet, ipRange, chosen, allocator._allocated, allocator._last);
    }

    public IReadOnlyCollection<Ipv4Address> Allocated => _allocated.Select(v => new Ipv4Address(v)).ToList();

    public bool IsAllocated(Ipv4Address address) => _allocated.Contains(address.Value);

    // The next free address of the range after the last one handed out, wrapping around once.
    public Ipv4Address AllocateNext()
    {
        var range = IpRange ?? Subnet;
        var first = Math.Max(range.Network.Value, Subnet.FirstHost.Value);
        var last = Math.Min(range.Broadcast.Value, Subnet.LastHost.Value);
        if (first > last) throw Exhausted();
        var start = _last is { } l && l >= first && l < last ? l + 1 : first;
        var found = FirstFree(start, last) ?? (start > first ? FirstFree(first, start - 1) : null);
        if (found is not { } value) throw Exhausted();
        _allocated.Add(value);
        _last = value;
        return new Ipv4Address(value);
    }

    // A specific address (--ip, --gateway): anywhere in the subnet except its network and broadcast addresses.
    public Ipv4Address Allocate(Ipv4Address address)
    {
        if (!Subnet.Contains(address) || address < Subnet.FirstHost || address > Subnet.LastHost)
            throw new IpamException(IpamErrorKind.InvalidArgument, $"invalid address {address}: it does not belong to the network's subnet {Subnet}");
        if (!_allocated.Add(address.Value))
            throw new IpamException(IpamErrorKind.Conflict, $"address {address} already in use");
        return address;
    }

    // Frees an address; false if it was not allocated. The gateway stays reserved for the network's life.
    public bool Release(Ipv4Address address) => address != Gateway && _allocated.Remove(address.Value);

    private uint? FirstFree(uint from, uint to)
    {
        // Walk the allocated addresses in [from, to] in order; the first gap is the answer.
        var candidate = from;
        foreach (var used in _allocated.GetViewBetween(from, to))
        {
            if (used != candidate) return candidate;
            if (candidate == to) return null;
            candidate++;
        }
        return candidate;
    }

    private IpamException Exhausted() =>
        new(IpamErrorKind.Exhausted, $"no available IPv4 addresses in {IpRange ?? Subnet}");

    public NetworkAddressState ToState() => new(
        Subnet.ToString(), IpRange?.ToString(), Gateway.ToString(),
        _allocated.Select(v => new Ipv4Address(v).ToString()).ToList(),
        _last is { } l ? new Ipv4Address(l).ToString() : null);

    public static NetworkAddressAllocator FromState(NetworkAddressState state)
    {
        var subnet = Ipv4Subnet.Parse(state.Subnet);
        Ipv4Subnet? range = state.IpRange is null ? null : Ipv4Subnet.Parse(state.IpRange);
        var gateway = Ipv4Address.Parse(state.Gateway);
        var allocated = state.Allocated.Select(a => Ipv4Address.Parse(a).Value).Append(gateway.Value);
        var last = state.LastAllocated is null ? (uint?)null : Ipv4Address.Parse(state.LastAllocated).Value;
        return new NetworkAddressAllocator(subnet, range, gateway, allocated, last);
    }
}
