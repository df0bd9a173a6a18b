using Berth.IntegrationTests.Daemon;
using Berth.IntegrationTests.Infrastructure;

namespace Berth.IntegrationTests.Containers;

// docker cp, diff, export and commit with the real docker CLI, on running and stopped containers, and the berth
// CLI's diff/export/commit/cp against docker's output.
public sealed class ArchiveTests
{
    private static CommandResult Berth(ContainerEngine e, params string[] args) =>
        e.Daemon.Client(RepoPaths.BerthBinary, ["-H", e.Daemon.Host, .. args]);

    private static CommandResult Sh(string dir, string script) => Command.Run(dir, "/bin/sh", ["-c", script]);

    [SkippableFact]
    public void Cp_into_and_out_of_a_stopped_container_keeps_ownership_and_modes()
    {
        using var e = new ContainerEngine();
        var local = Directory.CreateTempSubdirectory("berth-cp-").FullName;
        try
        {
            Sh(local, $"cd {local} && mkdir -p src/sub && echo payload > src/sub/f && chown 1234:5678 src/sub/f && chmod 640 src/sub/f").EnsureSuccess();
            e.Docker("create", "--name", "cpc", "busybox", "stat", "-c", "%u:%g %a %s", "/data/sub/f").EnsureSuccess();
            e.Docker("cp", "-a", Path.Combine(local, "src"), "cpc:/data").EnsureSuccess();
            Assert.Equal("1234:5678 640 8", e.Docker("start", "-a", "cpc").EnsureSuccess().Stdout.Trim());

            e.Docker("cp", "-a", "cpc:/data", Path.Combine(local, "out")).EnsureSuccess();
            Assert.Equal("payload\n", File.ReadAllText(Path.Combine(local, "out/sub/f")));
            // The archive the daemon sends keeps the owner; the docker CLI itself extracts without chown.
            var header = Sh(local, $"DOCKER_HOST={e.Daemon.Host} DOCKER_CONFIG={local}/docker-config {DockerCli.Require()} cp cpc:/data/sub/f - | tar tvf -").EnsureSuccess().Stdout;
            Assert.StartsWith("-rw-r----- 1234/5678 ", header);

            var missing = e.Docker("cp", "cpc:/nope", Path.Combine(local, "x"));
            Assert.NotEqual(0, missing.ExitCode);
            Assert.Contains("Could not find the file /nope in container cpc", missing.Stderr);
        }
        finally
        {
            Directory.Delete(local, recursive: true);
        }
    }

    [SkippableFact]
    public void Diff_export_cp_and_commit_of_a_running_then_stopped_container()
    {
        using var e = new ContainerEngine();
        e.Docker("run", "-d", "--name", "run1", "busybox", "sleep", "1000").EnsureSuccess();
        e.Docker("exec", "run1", "sh", "-c", "echo hi > /etc/x && rm /bin/ls").EnsureSuccess();

        var diff = e.Docker("diff", "run1").EnsureSuccess().Stdout;
        Assert.Equal("C /bin\nD /bin/ls\nC /etc\nA /etc/x\n", diff);
        Assert.Equal(diff, Berth(e, "diff", "run1").EnsureSuccess().Stdout);

        var dir = e.Daemon.Dir;
        var listing = Sh(dir, $"DOCKER_HOST={e.Daemon.Host} DOCKER_CONFIG={dir}/docker-config {DockerCli.Require()} export run1 | tar t").EnsureSuccess().Stdout;
        Assert.Contains("etc/x\n", listing);
        Assert.Contains("bin/sh\n", listing);
        Assert.DoesNotContain("bin/ls\n", listing);

        var copied = Sh(dir, $"DOCKER_HOST={e.Daemon.Host} DOCKER_CONFIG={dir}/docker-config {DockerCli.Require()} cp run1:/etc/x - | tar xO").EnsureSuccess().Stdout;
        Assert.Equal("hi\n", copied);

        var id = e.Docker("commit", "-c", "CMD [\"cat\",\"/etc/x\"]", "-m", "running", "run1", "snap:one").EnsureSuccess().Stdout.Trim();
        Assert.Matches("^sha256:[0-9a-f]{64}$", id);
        Assert.Equal("hi\n", e.Docker("run", "--rm", "snap:one").EnsureSuccess().Stdout);

        e.Docker("stop", "-t", "0", "run1").EnsureSuccess();
        Assert.Equal(diff, e.Docker("diff", "run1").EnsureSuccess().Stdout);
        e.Docker("commit", "run1", "snap:two").EnsureSuccess();
        Assert.Equal("hi\nno-ls\n", e.Docker("run", "--rm", "snap:two", "sh", "-c", "cat /etc/x; test -e /bin/ls || echo no-ls").EnsureSuccess().Stdout);
        var berthId = Berth(e, "commit", "-c", "CMD [\"cat\",\"/etc/x\"]", "run1", "snap:three").EnsureSuccess().Stdout.Trim();
        Assert.Matches("^sha256:[0-9a-f]{64}$", berthId);
        Assert.Equal("hi\n", e.Docker("run", "--rm", "snap:three").EnsureSuccess().Stdout);
        Assert.Equal("hi\n", Sh(dir, $"BERTH_HOST= {RepoPaths.BerthBinary} -H {e.Daemon.Host} cp run1:/etc/x - | tar xO").EnsureSuccess().Stdout);
        Assert.Contains("etc/x\n", Sh(dir, $"BERTH_HOST= {RepoPaths.BerthBinary} -H {e.Daemon.Host} export run1 | tar t").EnsureSuccess().Stdout);

        // The hostname/hosts/resolv.conf mount stubs in the upper dir are not changes: an untouched container
        // commits to an image with its parent's layers only, as with dockerd.
        e.Docker("run", "--name", "same", "busybox", "true").EnsureSuccess();
        Assert.Equal("", e.Docker("diff", "same").EnsureSuccess().Stdout);
        e.Docker("commit", "same", "snap:same").EnsureSuccess();
        string Layers(string image) => e.Docker("image", "inspect", "--format", "{{json .RootFS.Layers}}", image).EnsureSuccess().Stdout;
        Assert.Equal(Layers("busybox"), Layers("snap:same"));
    }
}
