using System.Diagnostics;
using System.Net;
using Berth.IntegrationTests.Infrastructure;
using Berth.Linux.Native;
using Berth.Linux.Netlink;

namespace Berth.IntegrationTests.Netlink;

// A named network namespace (ip netns add berth-it-XXXX) for one test, plus the host links the test
// creates; Dispose deletes the links and the namespace even when the test failed.
public sealed class ThrowawayNetns : IDisposable
{
    private readonly List<string> _hostLinks = [];

    public string Name { get; } = "berth-it-" + Guid.NewGuid().ToString("N")[..8];
    public string Path => "/run/netns/" + Name;
    public int NsFd { get; }

    public ThrowawayNetns()
    {
        HostRequirements.EnsureRoot();
        Run("ip", "netns", "add", Name);
        NsFd = Berth.Linux.Namespaces.NamespaceFiles.Open(Path, Berth.Linux.Namespaces.NamespaceKind.Network);
    }

    // A unique host link name (bt + 8 hex), removed at Dispose.
    public string NewLinkName(string prefix = "bt")
    {
        var name = prefix + Guid.NewGuid().ToString("N")[..8];
        _hostLinks.Add(name);
        return name;
    }

    // A random 10.199.X.0/24 that no host route overlaps.
    public static (IPAddress Network, IPAddress Gateway, IPAddress Peer, IPAddress Broadcast) FreeSubnet(RouteNetlink host)
    {
        var routes = host.ListRoutes(null);
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var third = Random.Shared.Next(1, 255);
            var taken = routes.Any(r => !r.IsDefault && Overlaps(r, third));
            if (!taken)
                return (IPAddress.Parse($"10.199.{third}.0"), IPAddress.Parse($"10.199.{third}.1"),
                    IPAddress.Parse($"10.199.{third}.2"), IPAddress.Parse($"10.199.{third}.255"));
        }
        throw new InvalidOperationException("no free 10.199.X.0/24 on this host");
    }

    private static bool Overlaps(Ipv4Route route, int third)
    {
        var b = route.Destination.GetAddressBytes();
        var routeStart = (uint)(b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]);
        var routeMask = route.PrefixLength == 0 ? 0u : uint.MaxValue << (32 - route.PrefixLength);
        var ours = (uint)(10 << 24 | 199 << 16 | third << 8);
        var common = routeMask & 0xffffff00u;
        return (routeStart & common) == (ours & common);
    }

    // Runs a command inside the namespace (ip netns exec) and returns its exit code and output.
    public (int Exit, string Output) Exec(params string[] args)
    {
        var psi = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "netns", "exec", Name }.Concat(args)) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result + stderr);
    }

    public static (int Exit, string Output) RunOnHost(params string[] args)
    {
        var psi = new ProcessStartInfo(args[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args.Skip(1)) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result + stderr);
    }

    private static void Run(params string[] args)
    {
        var (exit, output) = RunOnHost(args);
        if (exit != 0) throw new InvalidOperationException($"{string.Join(' ', args)} failed: {output}");
    }

    public void Dispose()
    {
        using (var host = RouteNetlink.Open())
        {
            foreach (var link in _hostLinks) host.TryDeleteLink(link);
        }
        Fd.Close(NsFd);
        RunOnHost("ip", "netns", "del", Name);
    }
}
