using Berth.Api.Models.Containers;
using Berth.Engine.Containers;
using Berth.Engine.Containers.Spec;

namespace Berth.Engine.Tests.Containers;

public sealed class ContainerInitTests : IDisposable
{
    private const string Id = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private readonly string _dir = Directory.CreateTempSubdirectory("berth-init-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string FakeInit()
    {
        var path = Path.Combine(_dir, "tini");
        File.WriteAllText(path, "");
        return path;
    }

    private Berth.Oci.Runtime.RuntimeSpec Compose(bool? init, ContainerInit daemon) =>
        ContainerSpecComposer.Compose(new ContainerConfig { Cmd = ["sleep", "1"], Hostname = "h" }, new HostConfig { Init = init },
            null, new SpecPaths(Id, _dir, Init: daemon), userRootfs: null);

    [Fact]
    public void Init_runs_the_command_under_docker_init_mounted_read_only()
    {
        var init = FakeInit();
        var spec = Compose(true, new ContainerInit(init, Default: false));
        Assert.Equal(["/sbin/docker-init", "--", "sleep", "1"], spec.Process!.Args);
        var mount = Assert.Single(spec.Mounts!, m => m.Destination == "/sbin/docker-init");
        Assert.Equal(init, mount.Source);
        Assert.Contains("ro", mount.Options!);
    }

    [Fact]
    public void The_daemon_default_applies_unless_the_container_says_otherwise()
    {
        var daemon = new ContainerInit(FakeInit(), Default: true);
        Assert.Equal("/sbin/docker-init", Compose(null, daemon).Process!.Args![0]);
        Assert.Equal(["sleep", "1"], Compose(false, daemon).Process!.Args);
        Assert.Equal(["sleep", "1"], Compose(null, daemon with { Default = false }).Process!.Args);
        Assert.DoesNotContain(Compose(false, daemon).Mounts!, m => m.Destination == "/sbin/docker-init");
    }

    [Fact]
    public void A_missing_init_binary_is_one_clear_error()
    {
        var missing = Path.Combine(_dir, "nope");
        var e = Assert.Throws<ContainerSpecException>(() => Compose(true, new ContainerInit(missing, Default: false)));
        Assert.Equal($"--init: the init binary {missing} (daemon.json \"init-path\") does not exist", e.Message);
    }
}
