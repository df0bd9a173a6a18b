using Berth.IntegrationTests.Infrastructure;
using Berth.Oci.Runtime;

namespace Berth.IntegrationTests.Runtime;

public sealed class FilesystemTests
{
    [SkippableTheory, MemberData(nameof(RuntimeCatalog.All), MemberType = typeof(RuntimeCatalog))]
    public void A_readonly_root_cannot_be_written(string runtime)
    {
        using var rt = RuntimeUnderTest.For(runtime);
        var result = rt.Run(rt.NewBundle(["touch", "/new-file"]), rt.NewId());
        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Contains("Read-only file system", result.Stderr);
        Assert.False(File.Exists(Path.Combine(BusyboxRootfs.Path, "new-file")), "the container wrote into the shared rootfs");
    }

    [SkippableTheory, MemberData(nameof(RuntimeCatalog.All), MemberType = typeof(RuntimeCatalog))]
    public void Bind_mounts_honour_ro_and_rw(string runtime)
    {
        using var rt = RuntimeUnderTest.For(runtime);
        var shared = Path.Combine(rt.WorkDir, "shared");
        Directory.CreateDirectory(shared);
        File.WriteAllText(Path.Combine(shared, "from-host"), "hello from the host");
        var bundle = rt.NewBundle(["sh", "-c", "cat /ro/from-host; echo; touch /ro/x || echo ro-refused; echo written > /rw/from-container"], spec =>
        {
            spec.Mounts!.Add(new MountSpec { Destination = "/ro", Type = "bind", Source = shared, Options = ["rbind", "ro", "nosuid", "nodev"] });
            spec.Mounts.Add(new MountSpec { Destination = "/rw", Type = "bind", Source = shared, Options = ["bind", "rw"] });
        });
        var result = rt.Run(bundle, rt.NewId()).EnsureSuccess();
        Assert.Equal("hello from the host\nro-refused\n", result.Stdout);
        Assert.Contains("Read-only file system", result.Stderr);
        Assert.False(File.Exists(Path.Combine(shared, "x")));
        Assert.Equal("written\n", File.ReadAllText(Path.Combine(shared, "from-container")));
    }

    [SkippableTheory, MemberData(nameof(RuntimeCatalog.All), MemberType = typeof(RuntimeCatalog))]
    public void Default_devices_and_dev_symlinks_exist(string runtime)
    {
        using var rt = RuntimeUnderTest.For(runtime);
        const string probe =
            "for d in null zero full random urandom tty; do [ -c /dev/$d ] && echo $d; done;" +
            "for l in fd stdin stdout stderr ptmx; do [ -L /dev/$l ] && echo $l=$(readlink /dev/$l); done;" +
            "head -c 4 /dev/zero | wc -c; echo discarded > /dev/null && echo null-writable";
        var result = rt.Run(rt.NewBundle(["sh", "-c", probe]), rt.NewId()).EnsureSuccess();
        Assert.Equal(
            "null\nzero\nfull\nrandom\nurandom\ntty\n" +
            "fd=/proc/self/fd\nstdin=/proc/self/fd/0\nstdout=/proc/self/fd/1\nstderr=/proc/self/fd/2\nptmx=pts/ptmx\n" +
            "4\nnull-writable\n",
            result.Stdout);
    }

    [SkippableTheory, MemberData(nameof(RuntimeCatalog.All), MemberType = typeof(RuntimeCatalog))]
    public void Sysctls_are_set_in_the_containers_namespaces(string runtime)
    {
        using var rt = RuntimeUnderTest.For(runtime);
        var host = File.ReadAllText("/proc/sys/net/ipv4/ip_default_ttl").Trim();
        var ttl = host == "42" ? "43" : "42";
        var bundle = rt.NewBundle(["cat", "/proc/sys/net/ipv4/ip_default_ttl"], spec =>
            spec.Linux!.Sysctl = new Dictionary<string, string> { ["net.ipv4.ip_default_ttl"] = ttl });
        var result = rt.Run(bundle, rt.NewId()).EnsureSuccess();
        Assert.Equal(ttl, result.Stdout.Trim());
        Assert.Equal(host, File.ReadAllText("/proc/sys/net/ipv4/ip_default_ttl").Trim());
    }
}
