using Berth.IntegrationTests.Infrastructure;

namespace Berth.IntegrationTests.Containers;

// top, stats, update and --init through the real docker CLI, and berth's own commands giving the same output.
public sealed class InfoCommandTests
{
    private static CommandResult Berth(ContainerEngine e, params string[] args) =>
        e.Daemon.Client(RepoPaths.BerthBinary, ["-H", e.Daemon.Host, .. args]);

    [SkippableFact]
    public void Top_lists_the_containers_processes_only()
    {
        using var e = new ContainerEngine();
        e.Docker("run", "-d", "--name", "two", "busybox", "sh", "-c", "sleep 1001 & exec sleep 1002").EnsureSuccess();
        // The background sleep may not have started when run returns: wait until ps sees it.
        var top = Poll(() => e.Docker("top", "two", "-o", "pid,ppid,args"), r => r.Stdout.Contains("sleep 1001"));
        var lines = top.EnsureSuccess().Stdout.TrimEnd('\n').Split('\n');
        Assert.Matches(@"^PID\s+PPID\s+COMMAND$", lines[0].TrimEnd());
        Assert.Equal(3, lines.Length);
        Assert.EndsWith("sleep 1002", lines[1].TrimEnd());
        Assert.EndsWith("sleep 1001", lines[2].TrimEnd());
        // The first process's child: PPID of the second row is the PID of the first.
        Assert.Equal(lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        Assert.Equal(top.Stdout, Berth(e, "top", "two", "-o", "pid,ppid,args").EnsureSuccess().Stdout);
        Assert.Contains("UID", e.Docker("top", "two").EnsureSuccess().Stdout);

        e.Docker("create", "--name", "idle", "busybox").EnsureSuccess();
        var refused = e.Docker("top", "idle");
        Assert.Equal(1, refused.ExitCode);
        Assert.Matches("^Error response from daemon: container [0-9a-f]{64} is not running\n$", refused.Stderr);
        Assert.Equal(refused.Stderr, Berth(e, "top", "idle").Stderr);
    }

    [SkippableFact]
    public void Stats_shows_the_memory_limit_and_processes()
    {
        using var e = new ContainerEngine();
        var id = e.Docker("run", "-d", "--name", "lim", "--network", "none", "--memory", "64m", "busybox", "sleep", "1000").EnsureSuccess().Stdout.Trim();
        e.Docker("create", "--name", "idle", "busybox").EnsureSuccess();
        const string format = "{{.Name}} {{.ID}} {{.PIDs}} {{.NetIO}} {{.BlockIO}}";
        var docker = e.Docker("stats", "--no-stream", "--format", format + " {{.MemUsage}}", "lim").EnsureSuccess().Stdout;
        Assert.Matches($"^lim {id[..12]} 1 0B / 0B \\S+ / \\S+ \\S+ / 64MiB\n$", docker);

        var table = e.Docker("stats", "--no-stream").EnsureSuccess().Stdout.Split('\n');
        Assert.Equal("CONTAINER ID   NAME      CPU %     MEM USAGE / LIMIT   MEM %     NET I/O   BLOCK I/O   PIDS", table[0]);
        Assert.StartsWith($"{id[..12]}   lim       ", table[1]);
        Assert.Equal(table[0], Berth(e, "stats", "--no-stream").EnsureSuccess().Stdout.Split('\n')[0]);

        var all = e.Docker("stats", "--no-stream", "-a", "--format", format).EnsureSuccess().Stdout;
        Assert.Contains("idle ", all);
        Assert.Equal(all, Berth(e, "stats", "--no-stream", "-a", "--format", format).EnsureSuccess().Stdout);
        Assert.Equal(e.Docker("stats", "--no-stream", "--format", format, "lim", "idle").EnsureSuccess().Stdout,
            Berth(e, "stats", "--no-stream", "--format", format, "lim", "idle").EnsureSuccess().Stdout);
    }

    [SkippableFact]
    public void Update_changes_the_cgroup_and_the_record()
    {
        using var e = new ContainerEngine();
        e.Docker("run", "-d", "--name", "grow", "--memory", "32m", "busybox", "sleep", "1000").EnsureSuccess();
        Assert.Equal("grow\n", e.Docker("update", "--memory", "64m", "--memory-swap", "128m", "grow").EnsureSuccess().Stdout);
        Assert.Equal("67108864 134217728", e.Docker("inspect", "grow", "--format", "{{.HostConfig.Memory}} {{.HostConfig.MemorySwap}}").EnsureSuccess().Stdout.Trim());
        Assert.Equal(64L * 1024 * 1024, MemoryLimitOf(e, "grow"));
        Assert.Contains(" / 64MiB", e.Docker("stats", "--no-stream", "--format", "{{.MemUsage}}", "grow").EnsureSuccess().Stdout);

        Assert.Equal("grow\n", Berth(e, "update", "--memory", "96m", "--memory-swap", "192m", "--pids-limit", "20", "--restart", "always", "grow").EnsureSuccess().Stdout);
        Assert.Equal(96L * 1024 * 1024, MemoryLimitOf(e, "grow"));
        Assert.Equal("100663296 20 always", e.Docker("inspect", "grow", "--format", "{{.HostConfig.Memory}} {{.HostConfig.PidsLimit}} {{.HostConfig.RestartPolicy.Name}}").EnsureSuccess().Stdout.Trim());

        foreach (var args in new[] { new[] { "--memory", "1m", "grow" }, ["--memory", "512m", "grow"], ["--cpus", "1", "nope"] })
        {
            var docker = e.Docker(["update", .. args]);
            Assert.Equal(1, docker.ExitCode);
            Assert.Equal(docker.Stderr, Berth(e, ["update", .. args]).Stderr);
        }
        Assert.Contains("Memory limit should be smaller than already set memoryswap limit", e.Docker("update", "--memory", "512m", "grow").Stderr);
        Assert.Equal(96L * 1024 * 1024, MemoryLimitOf(e, "grow"));
    }

    [SkippableFact]
    public void Init_runs_as_pid_one()
    {
        using var e = new ContainerEngine();
        var ps = e.Docker("run", "--rm", "--init", "busybox", "ps").EnsureSuccess().Stdout.Split('\n');
        Assert.Matches(@"^\s*1 root\s+/sbin/docker-init -- ps$", ps[1]);
        Assert.Matches(@"^\s*1 root\s+ps$", e.Docker("run", "--rm", "busybox", "ps").EnsureSuccess().Stdout.Split('\n')[1]);
        // tini forwards the stop signal to sleep, which SIGTERM ends at once (as PID 1 it would ignore it).
        e.Docker("run", "-d", "--init", "--name", "napper", "busybox", "sleep", "1000").EnsureSuccess();
        // A signal that comes before tini runs would meet a PID 1 without handlers: wait until tini has started sleep.
        Poll(() => e.Docker("top", "napper", "-o", "pid,args"), r => r.Stdout.Split('\n').Any(l => l.TrimEnd().EndsWith(" sleep 1000", StringComparison.Ordinal)));
        e.Docker("stop", "-t", "20", "napper").EnsureSuccess();
        Assert.Equal("143", e.Docker("inspect", "napper", "--format", "{{.State.ExitCode}}").EnsureSuccess().Stdout.Trim());
    }

    // The memory limit the kernel enforces, from the container's cgroup (v1 memory controller or v2).
    private static long MemoryLimitOf(ContainerEngine e, string name)
    {
        var pid = e.Docker("inspect", name, "--format", "{{.State.Pid}}").EnsureSuccess().Stdout.Trim();
        foreach (var line in File.ReadAllLines($"/proc/{pid}/cgroup"))
        {
            var parts = line.Split(':', 3);
            if (parts[1].Split(',').Contains("memory"))
                return long.Parse(File.ReadAllText($"/sys/fs/cgroup/memory{parts[2]}/memory.limit_in_bytes").Trim());
            if (parts[0] == "0" && File.Exists($"/sys/fs/cgroup{parts[2]}/memory.max"))
                return long.Parse(File.ReadAllText($"/sys/fs/cgroup{parts[2]}/memory.max").Trim());
        }
        throw new Xunit.Sdk.XunitException($"no memory cgroup for process {pid}");
    }

    private static CommandResult Poll(Func<CommandResult> run, Func<CommandResult, bool> done)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var r = run();
            if (done(r)) return r;
            if (clock.Elapsed > TimeSpan.FromSeconds(20)) throw new Xunit.Sdk.XunitException($"never satisfied: {r}");
            Thread.Yield();
        }
    }
}
