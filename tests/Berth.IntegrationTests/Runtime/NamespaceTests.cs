using Berth.IntegrationTests.Infrastructure;

namespace Berth.IntegrationTests.Runtime;

public sealed class NamespaceTests
{
    [SkippableTheory, MemberData(nameof(RuntimeCatalog.All), MemberType = typeof(RuntimeCatalog))]
    public void Process_is_pid_1_in_a_new_pid_namespace(string runtime)
    {
        using var rt = RuntimeUnderTest.For(runtime);
        var result = rt.Run(rt.NewBundle(["sh", "-c", "echo $$"]), rt.NewId()).EnsureSuccess();
        Assert.Equal("1", result.Stdout.Trim());
    }

    [SkippableTheory, MemberData(nameof(RuntimeCatalog.All), MemberType = typeof(RuntimeCatalog))]
    public void Hostname_is_the_configured_one(string runtime)
    {
        using var rt = RuntimeUnderTest.For(runtime);
        var bundle = rt.NewBundle(["sh", "-c", "hostname; cat /proc/sys/kernel/hostname"], spec => spec.Hostname = "berth-it-host");
        var result = rt.Run(bundle, rt.NewId()).EnsureSuccess();
        Assert.Equal("berth-it-host\nberth-it-host\n", result.Stdout);
    }

    [SkippableTheory, MemberData(nameof(RuntimeCatalog.All), MemberType = typeof(RuntimeCatalog))]
    public void Domainname_is_the_configured_one(string runtime)
    {
        Skip.If(runtime == RuntimeUnderTest.Runc, "runc 1.1 ignores domainname (supported from runc 1.2)");
        using var rt = RuntimeUnderTest.For(runtime);
        var bundle = rt.NewBundle(["cat", "/proc/sys/kernel/domainname"], spec => spec.Domainname = "berth.test");
        var result = rt.Run(bundle, rt.NewId()).EnsureSuccess();
        Assert.Equal("berth.test\n", result.Stdout);
    }

    [SkippableTheory, MemberData(nameof(RuntimeCatalog.All), MemberType = typeof(RuntimeCatalog))]
    public void A_new_network_namespace_has_only_loopback(string runtime)
    {
        using var rt = RuntimeUnderTest.For(runtime);
        Assert.True(Directory.GetFileSystemEntries("/sys/class/net").Length > 1, "precondition: the host has interfaces besides lo");
        var result = rt.Run(rt.NewBundle(["ls", "/sys/class/net"]), rt.NewId()).EnsureSuccess();
        Assert.Equal("lo", result.Stdout.Trim());
    }

    [SkippableTheory, MemberData(nameof(RuntimeCatalog.All), MemberType = typeof(RuntimeCatalog))]
    public void Namespaces_given_by_path_are_joined(string runtime)
    {
        using var rt = RuntimeUnderTest.For(runtime);
        var first = rt.NewBundle(["sleep", "1000"], spec => spec.Hostname = "berth-it-first");
        var firstId = rt.NewId();
        rt.Create(first, firstId).EnsureSuccess();
        var pid = rt.StateOf(firstId).Pid;

        var second = rt.NewBundle(["sh", "-c", "hostname; readlink /proc/self/ns/net"], spec =>
        {
            spec.Hostname = null; // a joined UTS namespace keeps its hostname
            foreach (var ns in spec.Linux!.Namespaces!.Where(ns => ns.Type is "uts" or "network"))
                ns.Path = $"/proc/{pid}/ns/{(ns.Type == "network" ? "net" : ns.Type)}";
        });
        var result = rt.Run(second, rt.NewId()).EnsureSuccess();
        var firstNet = new FileInfo($"/proc/{pid}/ns/net").LinkTarget;
        Assert.Equal($"berth-it-first\n{firstNet}\n", result.Stdout);
    }
}
