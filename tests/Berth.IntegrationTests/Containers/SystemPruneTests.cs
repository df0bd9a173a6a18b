using Berth.IntegrationTests.Infrastructure;

namespace Berth.IntegrationTests.Containers;

// `system prune`, by berth and by the docker CLI (which also prunes the build cache, of which Berth has none).
public sealed class SystemPruneTests
{
    [SkippableFact]
    public void Berth_system_prune_removes_stopped_containers_unused_networks_and_with_volumes_anonymous_volumes()
    {
        using var e = new ContainerEngine();
        var stopped = e.Docker("create", "-v", "/anon", "busybox", "true").EnsureSuccess().Stdout.Trim();
        var volume = e.Docker("inspect", stopped, "--format", "{{range .Mounts}}{{.Name}}{{end}}").EnsureSuccess().Stdout.Trim();
        var running = e.Docker("run", "-d", "busybox", "sleep", "60").EnsureSuccess().Stdout.Trim();
        e.Docker("network", "create", "unused-net").EnsureSuccess();
        e.Docker("volume", "create", "named").EnsureSuccess();

        var declined = e.Daemon.Client(RepoPaths.BerthBinary, "-H", e.Daemon.Host, "system", "prune").EnsureSuccess();
        Assert.Equal("WARNING! This will remove:\n  - all stopped containers\n  - all networks not used by at least one container\n  - all dangling images\n\nAre you sure you want to continue? [y/N] ", declined.Stdout);
        Assert.Contains(stopped, e.Docker("ps", "-aq", "--no-trunc").EnsureSuccess().Stdout);

        var pruned = e.Daemon.Client(RepoPaths.BerthBinary, "-H", e.Daemon.Host, "system", "prune", "-f", "--volumes").EnsureSuccess().Stdout;
        Assert.Equal($"Deleted Containers:\n{stopped}\n\nDeleted Networks:\nunused-net\n\nDeleted Volumes:\n{volume}\n\nTotal reclaimed space: 0B\n", pruned);
        Assert.Equal($"{running}\n", e.Docker("ps", "-aq", "--no-trunc").EnsureSuccess().Stdout);
        Assert.Equal("named\n", e.Docker("volume", "ls", "-q").EnsureSuccess().Stdout);
        Assert.DoesNotContain("unused-net", e.Docker("network", "ls").EnsureSuccess().Stdout);
    }

    [SkippableFact]
    public void Docker_system_prune_succeeds_with_nothing_to_prune_in_the_build_cache()
    {
        using var e = new ContainerEngine();
        var stopped = e.Docker("create", "busybox", "true").EnsureSuccess().Stdout.Trim();

        var pruned = e.Docker("system", "prune", "-f").EnsureSuccess().Stdout;
        Assert.Contains($"Deleted Containers:\n{stopped}\n", pruned);
        Assert.Contains("Total reclaimed space: 0B", pruned);
        Assert.Equal("", e.Docker("ps", "-aq").EnsureSuccess().Stdout);
    }
}
