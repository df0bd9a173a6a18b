using Berth.IntegrationTests.Containers;
using Berth.IntegrationTests.Infrastructure;

namespace Berth.IntegrationTests.Volumes;

// The real docker CLI (and berth's own) managing volumes on Berth and running containers with them.
public sealed class DockerVolumeTests
{
    [SkippableFact]
    public void Create_ls_inspect_rm_and_dockerds_errors()
    {
        using var e = new ContainerEngine();
        Assert.Equal("data\n", e.Docker("volume", "create", "--label", "env=test", "data").EnsureSuccess().Stdout);
        // Create is idempotent for the same name.
        Assert.Equal("data\n", e.Docker("volume", "create", "data").EnsureSuccess().Stdout);
        Assert.Equal("DRIVER    VOLUME NAME\nlocal     data\n", e.Docker("volume", "ls").EnsureSuccess().Stdout);
        var mountpoint = Path.Combine(e.Daemon.DataRoot, "volumes", "data", "_data");
        Assert.Equal($"data local {mountpoint} local map[env:test]",
            e.Docker("volume", "inspect", "data", "--format", "{{.Name}} {{.Driver}} {{.Mountpoint}} {{.Scope}} {{.Labels}}").EnsureSuccess().Stdout.Trim());
        Assert.True(Directory.Exists(mountpoint));
        Assert.Equal("data\n", e.Docker("volume", "ls", "-q", "--filter", "label=env=test").EnsureSuccess().Stdout);
        Assert.Equal("", e.Docker("volume", "ls", "-q", "--filter", "name=^nope").EnsureSuccess().Stdout);

        Assert.Contains("Error response from daemon: create a: volume name is too short, names should be at least two alphanumeric characters",
            e.Docker("volume", "create", "a").ExpectExit(1).Stderr);
        Assert.Contains("includes invalid characters for a local volume name",
            e.Docker("volume", "create", "x y").ExpectExit(1).Stderr);
        Assert.Contains("Error response from daemon: get nosuch: no such volume", e.Docker("volume", "inspect", "nosuch").ExpectExit(1).Stderr);
        Assert.Contains("Error response from daemon: get nosuch: no such volume", e.Docker("volume", "rm", "nosuch").ExpectExit(1).Stderr);
        e.Docker("volume", "rm", "-f", "nosuch").EnsureSuccess();
        Assert.Contains("invalid option: \"foo\"", e.Docker("volume", "create", "-o", "foo=bar", "vx").ExpectExit(1).Stderr);

        Assert.Equal("data\n", e.Docker("volume", "rm", "data").EnsureSuccess().Stdout);
        Assert.False(Directory.Exists(Path.Combine(e.Daemon.DataRoot, "volumes", "data")));
        Assert.Equal("", e.Docker("volume", "ls", "-q").EnsureSuccess().Stdout);
    }

    [SkippableFact]
    public void A_named_volume_outlives_its_container_and_cannot_be_removed_while_used()
    {
        using var e = new ContainerEngine();
        e.Docker("run", "--name", "writer", "-v", "data:/data", "busybox", "sh", "-c", "echo hi > /data/f").EnsureSuccess();
        var writer = e.Docker("inspect", "writer", "--format", "{{.Id}}").EnsureSuccess().Stdout.Trim();
        Assert.Equal("hi\n", e.Docker("run", "--rm", "-v", "data:/data", "busybox", "cat", "/data/f").EnsureSuccess().Stdout);
        Assert.Equal("hi\n", e.Docker("run", "--rm", "--mount", "type=volume,src=data,dst=/d", "busybox", "cat", "/d/f").EnsureSuccess().Stdout);

        var mount = e.Docker("inspect", "writer", "--format", "{{range .Mounts}}{{.Type}} {{.Name}} {{.Source}} {{.Destination}} {{.Driver}} {{.Mode}} {{.RW}} [{{.Propagation}}]{{end}}").EnsureSuccess().Stdout.Trim();
        Assert.Equal($"volume data {Path.Combine(e.Daemon.DataRoot, "volumes", "data", "_data")} /data local z true []", mount);

        Assert.Contains($"Error response from daemon: remove data: volume is in use - [{writer}]", e.Docker("volume", "rm", "data").ExpectExit(1).Stderr);
        Assert.Contains("volume is in use", e.Docker("volume", "rm", "-f", "data").ExpectExit(1).Stderr);
        Assert.Equal("", e.Docker("volume", "ls", "-q", "--filter", "dangling=true").EnsureSuccess().Stdout);

        // rm -v takes anonymous volumes only: the named one stays.
        e.Docker("rm", "-v", "writer").EnsureSuccess();
        Assert.Equal("data\n", e.Docker("volume", "ls", "-q", "--filter", "dangling=true").EnsureSuccess().Stdout);
        e.Docker("volume", "rm", "data").EnsureSuccess();
    }

    [SkippableFact]
    public void An_image_volume_gets_the_images_content_and_rm_v_removes_it()
    {
        using var e = new ContainerEngine();
        var dir = Directory.CreateTempSubdirectory("berth-it-volimg-").FullName;
        try
        {
            // busybox with /etc a VOLUME, as an image built with `VOLUME /etc` has it.
            var tar = Path.Combine(dir, "image.tar");
            var rootfs = Path.Combine(dir, "rootfs");
            Command.Run(dir, "/bin/cp", ["-a", BusyboxRootfs.Path, rootfs]).EnsureSuccess();
            Directory.CreateDirectory(Path.Combine(rootfs, "srv", "sub"));
            File.WriteAllText(Path.Combine(rootfs, "srv", "sub", "file"), "content\n");
            File.CreateSymbolicLink(Path.Combine(rootfs, "srv", "link"), "sub/file");
            Command.Run(dir, "/bin/chown", ["-R", "1000:2000", Path.Combine(rootfs, "srv", "sub")]).EnsureSuccess();
            Command.Run(dir, "/bin/chmod", ["2750", Path.Combine(rootfs, "srv", "sub")]).EnsureSuccess();
            Command.Run(dir, "/bin/tar", ["-C", rootfs, "-cf", tar, "."]).EnsureSuccess();
            e.Docker("import", "-c", "VOLUME /srv", "-c", "CMD [\"sh\"]", tar, "withvol").EnsureSuccess();

            e.Docker("run", "--name", "c1", "-v", "named:/named", "withvol", "sh", "-c", "ls -ln /srv/sub; readlink /srv/link; stat -c '%a %u %g' /srv/sub; echo more > /srv/new").EnsureSuccess();
            var anon = e.Docker("inspect", "c1", "--format", "{{range .Mounts}}{{if eq .Destination \"/srv\"}}{{.Name}}{{end}}{{end}}").EnsureSuccess().Stdout.Trim();
            Assert.Matches("^[0-9a-f]{64}$", anon);
            var data = Path.Combine(e.Daemon.DataRoot, "volumes", anon, "_data");
            Assert.Equal("content\n", File.ReadAllText(Path.Combine(data, "sub", "file")));
            Assert.Equal("sub/file", new FileInfo(Path.Combine(data, "link")).LinkTarget);
            Assert.Equal("more\n", File.ReadAllText(Path.Combine(data, "new")));
            var stat = Command.Run(dir, "/usr/bin/stat", ["-c", "%a %u %g", Path.Combine(data, "sub")]).EnsureSuccess().Stdout.Trim();
            Assert.Equal("2750 1000 2000", stat);
            Assert.Equal("true", e.Docker("volume", "inspect", anon, "--format", "{{index .Labels \"com.docker.volume.anonymous\" | eq \"\"}}").EnsureSuccess().Stdout.Trim());

            // A restart reuses the same anonymous volume: what the first run wrote is still there.
            e.Docker("start", "c1").EnsureSuccess();
            Assert.Equal("0\n", e.Docker("wait", "c1").EnsureSuccess().Stdout);
            Assert.Equal(anon, e.Docker("inspect", "c1", "--format", "{{range .Mounts}}{{if eq .Destination \"/srv\"}}{{.Name}}{{end}}{{end}}").EnsureSuccess().Stdout.Trim());

            // nocopy leaves a new volume empty.
            Assert.Equal("", e.Docker("run", "--rm", "--mount", "type=volume,dst=/srv,volume-nocopy", "withvol", "ls", "/srv").EnsureSuccess().Stdout);

            e.Docker("rm", "-v", "c1").EnsureSuccess();
            Assert.Equal("named\n", e.Docker("volume", "ls", "-q").EnsureSuccess().Stdout);
            Assert.False(Directory.Exists(Path.Combine(e.Daemon.DataRoot, "volumes", anon)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [SkippableFact]
    public void Prune_takes_unused_anonymous_volumes_unless_all()
    {
        using var e = new ContainerEngine();
        e.Docker("volume", "create", "keep").EnsureSuccess();
        var anon = e.Docker("volume", "create").EnsureSuccess().Stdout.Trim();
        Assert.Matches("^[0-9a-f]{64}$", anon);
        e.Docker("create", "--name", "user", "-v", "/inuse", "busybox").EnsureSuccess();
        var used = e.Docker("inspect", "user", "--format", "{{range .Mounts}}{{.Name}}{{end}}").EnsureSuccess().Stdout.Trim();

        var prune = e.Docker("volume", "prune", "-f").EnsureSuccess().Stdout;
        Assert.Equal($"Deleted Volumes:\n{anon}\n\nTotal reclaimed space: 0B\n", prune);
        Assert.Equal(new[] { used, "keep" }.Order(StringComparer.Ordinal), e.Docker("volume", "ls", "-q").EnsureSuccess().Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        e.Docker("volume", "prune", "-f", "--all").EnsureSuccess();
        Assert.Equal($"{used}\n", e.Docker("volume", "ls", "-q").EnsureSuccess().Stdout);
        e.Docker("rm", "-v", "user").EnsureSuccess();
        Assert.Equal("", e.Docker("volume", "ls", "-q").EnsureSuccess().Stdout);
    }

    [SkippableFact]
    public void Tmpfs_volume_is_mounted_while_used_and_run_rm_removes_anonymous_volumes()
    {
        using var e = new ContainerEngine();
        e.Docker("volume", "create", "-o", "type=tmpfs", "-o", "device=tmpfs", "-o", "o=size=1m", "mem").EnsureSuccess();
        Assert.Equal("tmpfs 1024\n", e.Docker("run", "--rm", "-v", "mem:/m", "busybox", "sh", "-c", "df -k /m | tail -1 | awk '{print $1, $2}'").EnsureSuccess().Stdout);
        var data = Path.Combine(e.Daemon.DataRoot, "volumes", "mem", "_data");
        Assert.DoesNotContain(File.ReadAllLines("/proc/self/mountinfo"), l => l.Split(' ')[4] == data);

        e.Docker("run", "--rm", "-v", "/scratch", "busybox", "true").EnsureSuccess();
        Assert.Equal("mem\n", e.Docker("volume", "ls", "-q").EnsureSuccess().Stdout);
    }

    [SkippableFact]
    public void Berth_volume_commands_match_docker()
    {
        using var e = new ContainerEngine();
        CommandResult Berth(params string[] args) =>
            Command.Run(e.Daemon.Dir, "/usr/bin/env", ["BERTH_HOST=", RepoPaths.BerthBinary, "-H", e.Daemon.Host, .. args], null, TimeSpan.FromSeconds(60));
        Assert.Equal("v1\n", Berth("volume", "create", "--label", "x=y", "v1").EnsureSuccess().Stdout);
        e.Docker("volume", "create", "v2").EnsureSuccess();
        Assert.Equal(e.Docker("volume", "ls").EnsureSuccess().Stdout, Berth("volume", "ls").EnsureSuccess().Stdout);
        Assert.Equal(e.Docker("volume", "ls", "-f", "label=x").EnsureSuccess().Stdout, Berth("volume", "ls", "-f", "label=x").EnsureSuccess().Stdout);
        Assert.Equal(e.Docker("volume", "inspect", "v1").EnsureSuccess().Stdout, Berth("volume", "inspect", "v1").EnsureSuccess().Stdout);
        var missing = Berth("volume", "rm", "nosuch");
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("get nosuch: no such volume", missing.Stderr);
        Assert.Equal("v1\n", Berth("volume", "rm", "v1").EnsureSuccess().Stdout);
        Assert.Equal("v2\n", e.Docker("volume", "ls", "-q").EnsureSuccess().Stdout);
    }
}
