using System.Text.Json;
using Berth.Api.Models.Containers;
using Berth.Engine.Containers;
using Berth.Engine.Containers.Spec;
using Berth.Oci.Runtime;
using ImageDefaults = Berth.Oci.Image.ContainerConfig;

namespace Berth.Engine.Tests.Containers;

public sealed class ContainerSpecComposerTests : IDisposable
{
    private const string Id = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private readonly string _rootfs = Directory.CreateTempSubdirectory("berth-spec-").FullName;

    public ContainerSpecComposerTests()
    {
        Directory.CreateDirectory(Path.Combine(_rootfs, "etc"));
        File.WriteAllText(Path.Combine(_rootfs, "etc/passwd"), "root:x:0:0:root:/root:/bin/sh\nwww:x:33:34:www:/var/www:/bin/false\n");
        File.WriteAllText(Path.Combine(_rootfs, "etc/group"), "root:x:0:\nwww:x:34:\nstaff:x:50:www\n");
    }

    public void Dispose() => Directory.Delete(_rootfs, recursive: true);

    private SpecPaths Paths => new(Id, _rootfs, "/c/hostname", "/c/hosts", "/c/resolv.conf");

    // The engine gives a container without a hostname its short ID at create.
    private RuntimeSpec Compose(ContainerCreateRequest request, ImageDefaults? image)
    {
        if (string.IsNullOrEmpty(request.Hostname)) request.Hostname = Id[..12];
        return ContainerSpecComposer.Compose(request, request.HostConfig ?? new HostConfig(), image, Paths, _rootfs);
    }

    private static ContainerCreateRequest Sample(string name) =>
        JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Containers/Samples", name)),
            ContainersJsonContext.Default.ContainerCreateRequest)!;

    [Fact]
    public void DockerCliRequestWithMemoryAndEnvBecomesARunnableSpec()
    {
        var spec = Compose(Sample("create-memory-env.json"), new ImageDefaults { Env = ["IMG=1"] });

        Assert.Equal(["sh"], spec.Process!.Args);
        Assert.Contains("A=B", spec.Process.Env!);
        Assert.Contains("IMG=1", spec.Process.Env!);
        Assert.Contains("HOSTNAME=0123456789ab", spec.Process.Env!);
        Assert.Contains("HOME=/root", spec.Process.Env!);
        Assert.Equal("0123456789ab", spec.Hostname);
        Assert.Equal(64L * 1024 * 1024, spec.Linux!.Resources!.Memory!.Limit);
        Assert.Equal("/berth/" + Id, spec.Linux.CgroupsPath);
        Assert.Equal(["cgroup", "ipc", "mount", "network", "pid", "uts"], spec.Linux.Namespaces!.Select(n => n.Type).Order());
        Assert.Equal(14, spec.Process.Capabilities!.Bounding!.Count);
        Assert.NotNull(spec.Linux.Seccomp);
        Assert.Contains("/proc/kcore", spec.Linux.MaskedPaths!);
        Assert.Equal(["/proc", "/dev", "/dev/pts", "/sys", "/sys/fs/cgroup", "/dev/mqueue", "/dev/shm", "/etc/resolv.conf", "/etc/hostname", "/etc/hosts"],
            spec.Mounts!.Select(m => m.Destination));
    }

    [Fact]
    public void UserGroupsCapsAndReadOnlyRootAreApplied()
    {
        var request = new ContainerCreateRequest
        {
            Cmd = ["id"], User = "www",
            HostConfig = new HostConfig { CapDrop = ["ALL"], CapAdd = ["net_bind_service"], ReadonlyRootfs = true, GroupAdd = ["staff"], Tmpfs = new() { ["/run"] = "size=1m" } },
        };
        var spec = Compose(request, null);

        Assert.Equal(33u, spec.Process!.User.Uid);
        Assert.Equal(34u, spec.Process.User.Gid);
        Assert.Contains(50u, spec.Process.User.AdditionalGids!);
        Assert.Equal(["CAP_NET_BIND_SERVICE"], spec.Process.Capabilities!.Effective);
        Assert.True(spec.Root!.Readonly);
        Assert.Contains(spec.Mounts!, m => m.Destination == "/run" && m.Type == "tmpfs" && m.Options!.Contains("size=1m"));
        Assert.Contains("ro", spec.Mounts!.Single(m => m.Destination == "/etc/hosts").Options!);
    }

    [Fact]
    public void PrivilegedLiftsConfinementAndHostNetworkKeepsTheHostsNamespace()
    {
        var request = new ContainerCreateRequest { Cmd = ["sh"], HostConfig = new HostConfig { Privileged = true, NetworkMode = "host" } };
        var spec = Compose(request, null);

        Assert.Null(spec.Linux!.Seccomp);
        Assert.Null(spec.Linux.MaskedPaths);
        Assert.DoesNotContain(spec.Linux.Namespaces!, n => n.Type == "network");
        Assert.Contains(spec.Linux.Resources!.Devices!, r => r.Allow && r.Access == "rwm" && r.Type is null);
    }

    [Fact]
    public void ImageEntrypointAndCmdFollowDockersOverrideRules()
    {
        var image = new ImageDefaults { Entrypoint = ["/entry"], Cmd = ["default"], WorkingDir = "/app" };
        Assert.Equal(["/entry", "default"], Compose(new ContainerCreateRequest(), image).Process!.Args);
        Assert.Equal(["/entry", "x"], Compose(new ContainerCreateRequest { Cmd = ["x"] }, image).Process!.Args);
        var spec = Compose(new ContainerCreateRequest { Entrypoint = ["sh"] }, image);
        Assert.Equal(["sh"], spec.Process!.Args);
        Assert.Equal("/app", spec.Process.Cwd);
    }

    [Theory]
    [InlineData("""{"Cmd":["sh"],"HostConfig":{"Memory":1000}}""", "Minimum memory limit allowed is 6MB")]
    [InlineData("""{"Cmd":["sh"],"HostConfig":{"NanoCpus":5000000000}}""", "Range of CPUs is from 0.01 to 2.00, as there are only 2 CPUs available")]
    [InlineData("""{"Cmd":["sh"],"User":"nobody"}""", "unable to find user nobody: no matching entries in passwd file")]
    [InlineData("""{"Image":"x"}""", "No command specified")]
    public void BadRequestsGiveDockersMessage(string json, string message)
    {
        var request = JsonSerializer.Deserialize(json, ContainersJsonContext.Default.ContainerCreateRequest)!;
        var e = Assert.ThrowsAny<Exception>(() => Compose(request, null));
        Assert.Equal(message, e.Message);
    }
}
