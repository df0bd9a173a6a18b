using System.Diagnostics;
using System.Net;
using Berth.Linux.Native;
using Berth.Linux.Netlink;

// Per-container network setup cost with Berth's rtnetlink client: for each of N namespaces, create the
// namespace, a veth pair with its peer named eth0 inside it and enslaved to a bridge, then (in the namespace)
// lo up, eth0 up, its address and the default route. Prints the median and 90th percentile per step.
var runs = args.Length > 0 ? int.Parse(args[0]) : 50;
var bridgeName = "bb" + Guid.NewGuid().ToString("N")[..8];
var third = args.Length > 1 ? int.Parse(args[1]) : 251;
var gateway = IPAddress.Parse($"10.198.{third}.1");
var broadcast = IPAddress.Parse($"10.198.{third}.255");
var created = new List<(string Veth, int NsFd)>();
var netnsTimes = new List<double>();
var hostTimes = new List<double>();
var insideTimes = new List<double>();
var totalTimes = new List<double>();
using var host = RouteNetlink.Open();
try
{
    var bridge = host.CreateBridge(bridgeName);
    host.AddAddress(bridge.Index, gateway, 24, broadcast);
    for (var i = 0; i < runs; i++)
    {
        var veth = "vb" + Guid.NewGuid().ToString("N")[..8];
        var start = Stopwatch.GetTimestamp();
        var nsFd = NetworkNamespaces.Create();
        created.Add((veth, nsFd));
        var afterNs = Stopwatch.GetTimestamp();
        host.CreateVethPair(new VethPair(veth, "eth0") { PeerNamespaceFd = nsFd, MasterIndex = bridge.Index });
        var afterHost = Stopwatch.GetTimestamp();
        using (var inside = RouteNetlink.OpenInNamespace(nsFd))
        {
            var eth0 = inside.GetLink("eth0")!;
            inside.ConfigureInterface(eth0.Index, IPAddress.Parse($"10.198.{third}.{2 + i % 250}"), 24, broadcast, gateway);
        }
        var end = Stopwatch.GetTimestamp();
        netnsTimes.Add(Stopwatch.GetElapsedTime(start, afterNs).TotalMilliseconds);
        hostTimes.Add(Stopwatch.GetElapsedTime(afterNs, afterHost).TotalMilliseconds);
        insideTimes.Add(Stopwatch.GetElapsedTime(afterHost, end).TotalMilliseconds);
        totalTimes.Add(Stopwatch.GetElapsedTime(start, end).TotalMilliseconds);
        // One namespace at a time keeps addresses unique even for runs > 250.
        host.DeleteLink(veth);
        Fd.Close(nsFd);
        created.RemoveAt(created.Count - 1);
    }
}
finally
{
    foreach (var (veth, fd) in created)
    {
        host.TryDeleteLink(veth);
        Fd.Close(fd);
    }
    host.TryDeleteLink(bridgeName);
}

Console.WriteLine($"{runs} namespaces (ms)              median    p90");
Report("create netns", netnsTimes);
Report("veth into netns + master + up", hostTimes);
Report("netns: lo, eth0, address, route", insideTimes);
Report("total per container", totalTimes);

static void Report(string what, List<double> times)
{
    var sorted = times.Order().ToList();
    Console.WriteLine($"  {what,-32} {sorted[sorted.Count / 2],7:F3} {sorted[(int)(sorted.Count * 0.9)],7:F3}");
}
