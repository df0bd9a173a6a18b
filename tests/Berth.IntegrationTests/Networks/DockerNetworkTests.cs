using Berth.IntegrationTests.Containers;
using Berth.IntegrationTests.Infrastructure;

namespace Berth.IntegrationTests.Networks;

// The real docker CLI on Berth's networks: the default bridge, published ports, user networks with DNS, isolation,
// connect and disconnect, a shared namespace, and that nothing is left on the host afterwards.
public sealed class DockerNetworkTests
{
    private static string Links() => Command.Run("/", "/sbin/ip", ["-o", "link", "show"]).Stdout;

    [SkippableFact]
    public void The_default_bridge_gives_an_address_a_route_and_a_hosts_entry_and_leaves_nothing_behind()
    {
        using var e = new ContainerEngine();
        var net = e.Daemon.Network!;
        var prefix = net.Gateway[..net.Gateway.LastIndexOf('.')];
        var output = e.Docker("run", "--rm", "--hostname", "box", "busybox", "sh", "-c",
            "ip -4 -o addr show eth0; ip route; grep box /etc/hosts; ping -c1 -W2 " + net.Gateway + " >/dev/null && echo reached").EnsureSuccess().Stdout;
        Assert.Matches($@"eth0\s+inet {System.Text.RegularExpressions.Regex.Escape(prefix)}\.\d+/24", output);
        Assert.Contains($"default via {net.Gateway} dev eth0", output);
        Assert.Matches($@"{System.Text.RegularExpressions.Regex.Escape(prefix)}\.\d+\tbox", output);
        Assert.Contains("reached", output);

        var id = e.Docker("run", "-d", "busybox", "sleep", "60").EnsureSuccess().Stdout.Trim();
        var ip = e.Docker("inspect", "-f", "{{.NetworkSettings.IPAddress}} {{.NetworkSettings.Networks.bridge.Gateway}} {{.HostConfig.NetworkMode}}", id).EnsureSuccess().Stdout.Trim();
        Assert.Matches($@"^{System.Text.RegularExpressions.Regex.Escape(prefix)}\.\d+ {net.Gateway} bridge$", ip);
        Assert.Contains("master " + net.Bridge, Links());
        e.Docker("rm", "-f", id).EnsureSuccess();
        // The kernel destroys the unpinned namespace, and its veth pair with it, in the background.
        Eventually.Get(() => Links().Contains("master " + net.Bridge) ? null : "gone", "the container's veth to go");
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(e.Daemon.ExecRoot, "netns")));
    }

    // As with dockerd, lo is up (127.0.0.1 answers) and nothing else is there. The first start of a daemon spawns
    // its shim and runtime; later ones may get them started ahead with the namespace made in advance: every start
    // must give the same.
    [SkippableFact]
    public void A_container_on_network_none_has_only_lo_and_it_is_up()
    {
        using var e = new ContainerEngine();
        for (var i = 0; i < 4; i++)
        {
            var output = e.Docker("run", "--rm", "--network", "none", "busybox", "ip", "-o", "-4", "addr", "show").EnsureSuccess().Stdout;
            Assert.Matches(@"^1: lo\s+inet 127\.0\.0\.1/8 .*\n$", output);
        }
    }

    [SkippableFact]
    public void A_published_port_answers_on_the_host_docker_port_shows_it_and_stop_releases_it()
    {
        using var e = new ContainerEngine();
        e.Docker("run", "-d", "--name", "web", "--hostname", "webhost", "-p", "127.0.0.1::8080", "-p", "8081/udp",
            "busybox", "httpd", "-f", "-p", "8080", "-h", "/etc").EnsureSuccess();
        var shown = e.Docker("port", "web", "8080").EnsureSuccess().Stdout.Trim();
        Assert.Matches(@"^127\.0\.0\.1:\d+$", shown);
        var port = int.Parse(shown.Split(':')[1]);
        Assert.Equal("webhost\n", Eventually.Get(() => HostTcp.TryGet("127.0.0.1", port, "/hostname"), "the published port"));
        Assert.Contains($"127.0.0.1:{port}->8080/tcp", e.Docker("ps", "--format", "{{.Ports}}").EnsureSuccess().Stdout);
        Assert.Matches(@"8081/udp -> 0\.0\.0\.0:\d+", e.Docker("port", "web").EnsureSuccess().Stdout);

        e.Docker("stop", "-t", "1", "web").EnsureSuccess();
        Assert.True(HostTcp.Refused("127.0.0.1", port));
        Assert.Equal("", e.Docker("port", "web").EnsureSuccess().Stdout);

        // -P publishes what the container exposes on free ports; a range is one map entry per port, no process.
        e.Docker("run", "-d", "--name", "all", "-P", "--expose", "7000", "busybox", "sleep", "60").EnsureSuccess();
        Assert.Matches(@"^7000/tcp -> 0\.0\.0\.0:\d+\n$", e.Docker("port", "all").EnsureSuccess().Stdout);
        var first = Random.Shared.Next(20000, 29000);
        e.Docker("run", "-d", "--name", "range", "-p", $"127.0.0.1:{first}-{first + 99}:{first}-{first + 99}", "busybox", "sleep", "60").EnsureSuccess();
        var lines = e.Docker("port", "range").EnsureSuccess().Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(100, lines.Length);
        Assert.Contains($"{first + 42}/tcp -> 127.0.0.1:{first + 42}", lines);
        var map = Command.Run("/", "/usr/sbin/nft", ["list", "map", "ip", e.Daemon.Network!.FirewallTable, "published-on-address"]).Stdout;
        Assert.Contains($"127.0.0.1 . tcp . {first + 99} :", map);
    }

    [SkippableFact]
    public void Containers_on_a_user_network_find_each_other_by_name_and_alias_and_other_networks_are_isolated()
    {
        using var e = new ContainerEngine();
        e.Docker("network", "create", "front").EnsureSuccess();
        e.Docker("network", "create", "back").EnsureSuccess();
        e.Docker("run", "-d", "--name", "web", "--network", "front", "--network-alias", "svc", "--hostname", "webhost",
            "busybox", "httpd", "-f", "-p", "80", "-h", "/etc").EnsureSuccess();
        var webIp = e.Docker("inspect", "-f", "{{.NetworkSettings.Networks.front.IPAddress}}", "web").EnsureSuccess().Stdout.Trim();

        string? Fetch(string network, string host)
        {
            var r = e.Docker("run", "--rm", "--network", network, "busybox", "sh", "-c", $"wget -qO- http://{host}/hostname");
            return r.ExitCode == 0 ? r.Stdout : null;
        }
        Assert.Equal("webhost\n", Eventually.Get(() => Fetch("front", "web"), "web by name"));
        Assert.Equal("webhost\n", Fetch("front", "svc"));
        var lookup = e.Docker("run", "--rm", "--network", "front", "busybox", "nslookup", "web").EnsureSuccess().Stdout;
        Assert.Contains(webIp, lookup);
        Assert.Contains("nameserver 127.0.0.11", e.Docker("run", "--rm", "--network", "front", "busybox", "cat", "/etc/resolv.conf").EnsureSuccess().Stdout);

        // Another network: neither the name nor the address is reachable.
        Assert.NotEqual(0, e.Docker("run", "--rm", "--network", "back", "busybox", "nslookup", "web").ExitCode);
        e.Docker("run", "-d", "--name", "client", "--network", "back", "busybox", "sleep", "60").EnsureSuccess();
        Assert.NotEqual(0, e.Docker("exec", "client", "ping", "-c1", "-W1", webIp).ExitCode);

        // connect makes it reachable by name; disconnect takes that away again.
        e.Docker("network", "connect", "--alias", "cli", "front", "client").EnsureSuccess();
        Assert.Equal("webhost\n", e.Docker("exec", "client", "wget", "-qO-", "http://web/hostname").EnsureSuccess().Stdout);
        Assert.Contains("client", e.Docker("network", "inspect", "-f", "{{range .Containers}}{{.Name}} {{end}}", "front").EnsureSuccess().Stdout);
        e.Docker("network", "disconnect", "front", "client").EnsureSuccess();
        Assert.NotEqual(0, e.Docker("exec", "client", "ping", "-c1", "-W1", webIp).ExitCode);

        // Another container's namespace: same addresses, so its server is on localhost.
        Assert.Equal("webhost\n", e.Docker("run", "--rm", "--network", "container:web", "busybox", "wget", "-qO-", "http://127.0.0.1/hostname").EnsureSuccess().Stdout);

        Assert.Contains("has active endpoints", e.Docker("network", "rm", "front").ExpectExit(1).Stderr);
        var bridges = new[] { "front", "back" }.Select(n => "br-" + e.Docker("network", "inspect", "-f", "{{.Id}}", n).EnsureSuccess().Stdout.Trim()[..12]).ToList();
        e.Docker("rm", "-f", "web", "client").EnsureSuccess();
        e.Docker("network", "rm", "front", "back").EnsureSuccess();
        var links = Links();
        foreach (var bridge in bridges) Assert.DoesNotContain(bridge, links);
    }

    [SkippableFact]
    public void Bad_network_input_is_one_clear_error_and_makes_nothing()
    {
        using var e = new ContainerEngine();
        var net = e.Daemon.Network!;
        // As with dockerd, the container is created and its start fails.
        Assert.Contains("failed to set up container networking: network nosuch not found",
            e.Docker("run", "--name", "lost", "--network", "nosuch", "busybox", "true").ExpectExit(125).Stderr);
        Assert.Equal("created", e.Docker("inspect", "-f", "{{.State.Status}}", "lost").EnsureSuccess().Stdout.Trim());
        e.Docker("rm", "lost").EnsureSuccess();
        Assert.Contains("Pool overlaps", e.Docker("network", "create", "--subnet", net.Subnet, "clash").ExpectExit(1).Stderr);
        Assert.Contains("bridge name lo is already in use on the host",
            e.Docker("network", "create", "-o", "com.docker.network.bridge.name=lo", "takeover").ExpectExit(1).Stderr);
        Assert.Contains("up", Command.Run("/", "/sbin/ip", ["-o", "link", "show", "lo"]).Stdout.ToLowerInvariant());
        e.Docker("network", "create", "--subnet", "10.198.77.0/24", "fixed").EnsureSuccess();
        Assert.Contains("already exists", e.Docker("network", "create", "fixed").ExpectExit(1).Stderr);
        Assert.Contains("no configured subnet or ip-range contain the IP address 10.1.2.3",
            e.Docker("run", "--rm", "--network", "fixed", "--ip", "10.1.2.3", "busybox", "true").ExpectExit(125).Stderr);
        Assert.Equal("10.198.77.9\n", e.Docker("run", "--rm", "--network", "fixed", "--ip", "10.198.77.9", "busybox", "sh", "-c",
            "ip -4 -o addr show eth0 | sed -E 's/.*inet ([0-9.]+).*/\\1/'").EnsureSuccess().Stdout);

        e.Docker("run", "-d", "--name", "holder", "-p", "127.0.0.1::9000", "busybox", "sleep", "60").EnsureSuccess();
        var port = e.Docker("port", "holder", "9000").EnsureSuccess().Stdout.Trim().Split(':')[1];
        var clash = e.Docker("run", "-d", "--name", "second", "-p", $"127.0.0.1:{port}:9000", "busybox", "sleep", "60");
        Assert.NotEqual(0, clash.ExitCode);
        Assert.Contains("port is already allocated", clash.Stderr);
        // The failed start leaves the container created, with no namespace or endpoint of its own.
        Assert.Equal("created", e.Docker("inspect", "-f", "{{.State.Status}}", "second").EnsureSuccess().Stdout.Trim());
        var holder = e.Docker("inspect", "-f", "{{.Id}}", "holder").EnsureSuccess().Stdout.Trim();
        Assert.Equal([holder], Directory.EnumerateFileSystemEntries(Path.Combine(e.Daemon.ExecRoot, "netns")).Select(Path.GetFileName));
    }

    [SkippableFact]
    public void Networks_addresses_names_and_published_ports_survive_a_daemon_crash()
    {
        using var e = new ContainerEngine();
        e.Docker("network", "create", "--subnet", "10.198.78.0/24", "kept").EnsureSuccess();
        e.Docker("run", "-d", "--name", "web", "--hostname", "webhost", "--network", "kept", "-p", "127.0.0.1::80",
            "busybox", "httpd", "-f", "-p", "80", "-h", "/etc").EnsureSuccess();
        var port = int.Parse(e.Docker("port", "web", "80").EnsureSuccess().Stdout.Trim().Split(':')[1]);
        Assert.Equal("webhost\n", Eventually.Get(() => HostTcp.TryGet("127.0.0.1", port, "/hostname"), "the published port"));

        e.CrashAndRestart();
        Assert.Equal("webhost\n", HostTcp.TryGet("127.0.0.1", port, "/hostname"));
        Assert.Contains("kept", e.Docker("network", "ls", "--format", "{{.Name}}").EnsureSuccess().Stdout);
        var webIp = e.Docker("inspect", "-f", "{{.NetworkSettings.Networks.kept.IPAddress}}", "web").EnsureSuccess().Stdout.Trim();
        // The address stays taken, and the name still resolves from a new container.
        var other = e.Docker("run", "--rm", "--network", "kept", "busybox", "sh", "-c", "ip -4 -o addr show eth0; wget -qO- http://web/hostname").EnsureSuccess().Stdout;
        Assert.DoesNotContain(webIp + "/", other);
        Assert.Contains("webhost", other);

        // Serving DNS inside containers' namespaces must not leave any daemon thread in one of them.
        var home = new FileInfo("/proc/self/ns/net").LinkTarget;
        foreach (var task in Directory.EnumerateDirectories($"/proc/{e.Daemon.Pid}/task"))
            Assert.Equal(home, new FileInfo(Path.Combine(task, "ns", "net")).LinkTarget);

        e.Docker("stop", "-t", "1", "web").EnsureSuccess();
        Assert.True(HostTcp.Refused("127.0.0.1", port));
    }

    [SkippableFact]
    public void An_internal_network_has_no_way_out_and_ls_shows_the_built_in_networks()
    {
        using var e = new ContainerEngine();
        var net = e.Daemon.Network!;
        Assert.Equal("bridge bridge local\nhost host local\nnone null local\n",
            e.Docker("network", "ls", "--format", "{{.Name}} {{.Driver}} {{.Scope}}").EnsureSuccess().Stdout);
        e.Docker("network", "create", "--internal", "--label", "tier=db", "sealed").EnsureSuccess();
        e.Docker("run", "-d", "--name", "outside", "busybox", "sleep", "60").EnsureSuccess();
        var outsideIp = e.Docker("inspect", "-f", "{{.NetworkSettings.IPAddress}}", "outside").EnsureSuccess().Stdout.Trim();
        var inside = e.Docker("run", "--rm", "--network", "sealed", "busybox", "sh", "-c", $"ip route; ping -c1 -W1 {outsideIp} >/dev/null && echo reached || echo blocked").EnsureSuccess().Stdout;
        Assert.DoesNotContain("default", inside);
        Assert.Contains("blocked", inside);
        Assert.Contains($"reached", e.Docker("run", "--rm", "busybox", "sh", "-c", $"ping -c1 -W1 {outsideIp} >/dev/null && echo reached").EnsureSuccess().Stdout);
        Assert.Equal("true map[tier:db]\n", e.Docker("network", "inspect", "-f", "{{.Internal}} {{.Labels}}", "sealed").EnsureSuccess().Stdout);
        Assert.Equal("Deleted Networks:\nsealed\n\n", e.Docker("network", "prune", "-f").EnsureSuccess().Stdout);
        Assert.DoesNotContain(net.Bridge, e.Docker("network", "ls").EnsureSuccess().Stdout);
    }

    [SkippableFact]
    public void Gateway_ip_range_mac_address_and_connect_ip_are_honoured()
    {
        using var e = new ContainerEngine();
        e.Docker("network", "create", "--subnet", "10.198.80.0/24", "--gateway", "10.198.80.254", "--ip-range", "10.198.80.128/25", "ranged").EnsureSuccess();
        Assert.Equal("10.198.80.0/24 10.198.80.254 10.198.80.128/25\n",
            e.Docker("network", "inspect", "-f", "{{range .IPAM.Config}}{{.Subnet}} {{.Gateway}} {{.IPRange}}{{end}}", "ranged").EnsureSuccess().Stdout);
        var inside = e.Docker("run", "--rm", "--network", "ranged", "--mac-address", "02:42:aa:bb:cc:dd", "busybox", "sh", "-c",
            "ip -4 -o addr show eth0; ip route; cat /sys/class/net/eth0/address").EnsureSuccess().Stdout;
        Assert.Matches(@"inet 10\.198\.80\.(1[2-9][0-9]|2[0-5][0-9])/24", inside);
        Assert.Contains("default via 10.198.80.254", inside);
        Assert.Contains("02:42:aa:bb:cc:dd", inside);

        e.Docker("run", "-d", "--name", "later", "busybox", "sleep", "60").EnsureSuccess();
        e.Docker("network", "connect", "--ip", "10.198.80.77", "ranged", "later").EnsureSuccess();
        Assert.Contains("inet 10.198.80.77/24", e.Docker("exec", "later", "ip", "-4", "-o", "addr", "show", "eth1").EnsureSuccess().Stdout);
        Assert.Contains("Address already in use", e.Docker("run", "--rm", "--network", "ranged", "--ip", "10.198.80.77", "busybox", "true").ExpectExit(125).Stderr);
    }
}
