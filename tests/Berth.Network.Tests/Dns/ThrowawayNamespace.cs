using System.Diagnostics;
using Berth.Linux.Netlink;

namespace Berth.Network.Tests.Dns;

// A named network namespace (ip netns add berth-dnst-XXXX, so `ip netns exec` works in it) with lo up,
// standing in for a container's; Dispose deletes it even when the test failed.
internal sealed class ThrowawayNamespace : IDisposable
{
    public string Name { get; } = "berth-dnst-" + Guid.NewGuid().ToString("N")[..8];
    public string Path => "/run/netns/" + Name;

    public ThrowawayNamespace()
    {
        if (!File.ReadAllText("/proc/self/status").Contains("\nUid:\t0\t"))
            throw new InvalidOperationException("the DNS server tests create network namespaces and must run as root");
        var (exit, output) = Run("ip", "netns", "add", Name);
        if (exit != 0) throw new InvalidOperationException($"ip netns add {Name} failed: {output}");
        try
        {
            using var netlink = RouteNetlink.OpenInNamespace(Path);
            netlink.SetLoopbackUp();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    // Runs a command inside the namespace and returns its exit code and output.
    public (int Exit, string Output) Exec(params string[] args) => Run(["ip", "netns", "exec", Name, .. args]);

    public void Dispose() => Run("ip", "netns", "del", Name);

    private static (int Exit, string Output) Run(params string[] args)
    {
        var psi = new ProcessStartInfo(args[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args.Skip(1)) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result + stderr);
    }
}
