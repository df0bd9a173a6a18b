namespace Berth.Network.Ipam;

// Picks the subnet of a new network from the address pools, like Docker: pools in order, subnets in
// ascending order, the first that overlaps neither an existing network nor a host route (a VPN, the LAN).
public static class SubnetChooser
{
    public static Ipv4Subnet Choose(IEnumerable<AddressPool> pools, IEnumerable<Ipv4Subnet> networks, IEnumerable<Ipv4Subnet> hostRoutes)
    {
        // The default route (0.0.0.0/0) overlaps everything and says nothing about which addresses are in use.
        var obstacles = networks.Concat(hostRoutes.Where(r => r.PrefixLength > 0)).OrderBy(s => s.Network).ToList();
        foreach (var pool in pools)
        {
            if (TryChoose(pool, obstacles, out var subnet)) return subnet;
        }
        throw new IpamException(IpamErrorKind.Exhausted, "all predefined address pools have been fully subnetted");
    }

    private static bool TryChoose(AddressPool pool, List<Ipv4Subnet> obstacles, out Ipv4Subnet subnet)
    {
        var step = 1UL << (32 - pool.Size);
        var end = (ulong)pool.Base.Network.Value + pool.Base.Size;
        var candidate = (ulong)pool.Base.Network.Value;
        while (candidate < end)
        {
            var next = new Ipv4Subnet(new Ipv4Address((uint)candidate), pool.Size);
            var blocker = obstacles.FindIndex(o => o.Overlaps(next));
            if (blocker < 0)
            {
                subnet = next;
                return true;
            }
            // Jump past the obstacle instead of stepping through every subnet it covers.
            var pastObstacle = (ulong)obstacles[blocker].Broadcast.Value + 1;
            candidate = Math.Max(candidate + step, (pastObstacle + step - 1) / step * step);
        }
        subnet = default;
        return false;
    }

    // A subnet the user asked for (--subnet) must not overlap another network; host routes are the user's call.
    public static void CheckRequested(Ipv4Subnet requested, IEnumerable<Ipv4Subnet> networks)
    {
        foreach (var existing in networks)
        {
            if (existing.Overlaps(requested))
                throw new IpamException(IpamErrorKind.Conflict, $"invalid pool request: Pool overlaps with other one on this address space ({existing})");
        }
    }
}
