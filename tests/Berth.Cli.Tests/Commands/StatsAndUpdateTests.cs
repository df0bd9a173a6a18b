using Berth.Api.Models.Containers;
using Berth.Cli.Commands;
using Berth.Cli.Formatting;
using Berth.Cli.Formatting.Rows;
using Berth.Cli.Support;

namespace Berth.Cli.Tests.Commands;

public sealed class StatsAndUpdateTests
{
    private const string Id = "6f61e1c2fa2edaf94f1f49ca332e43bd05edc4593f06001567932c1b28f70158";

    private static ContainerStatsResponse Sample() => new()
    {
        Name = "/web",
        Id = Id,
        CpuStats = new CpuStatsBlock { CpuUsage = new CpuUsage { TotalUsage = 300_000_000 }, SystemUsage = 4_000_000_000, OnlineCpus = 2 },
        PreCpuStats = new CpuStatsBlock { CpuUsage = new CpuUsage { TotalUsage = 100_000_000 }, SystemUsage = 2_000_000_000 },
        MemoryStats = new MemoryStatsBlock { Usage = 10 * 1024 * 1024, Limit = 64 * 1024 * 1024, Stats = new() { ["total_inactive_file"] = 2 * 1024 * 1024 } },
        PidsStats = new PidsStats { Current = 3 },
        Networks = new() { ["eth0"] = new NetworkStats { RxBytes = 1500, TxBytes = 700 }, ["eth1"] = new NetworkStats { RxBytes = 500 } },
        BlkioStats = new BlkioStats
        {
            IoServiceBytesRecursive =
            [
                new BlkioStatEntry { Op = "Read", Value = 4096 }, new BlkioStatEntry { Op = "Write", Value = 1_000_000 },
                new BlkioStatEntry { Op = "read", Value = 4096 }, new BlkioStatEntry { Op = "Total", Value = 99 },
            ],
        },
    };

    [Fact]
    public void Cpu_percent_is_the_share_of_the_system_delta_times_the_cpus()
    {
        // 0.2 s of container CPU over 2 s of all CPUs' time, on 2 CPUs: 20%.
        Assert.Equal(20.0, StatsEntry.CpuPercentOf(Sample()), 6);
        var idle = Sample();
        idle.PreCpuStats.CpuUsage.TotalUsage = idle.CpuStats.CpuUsage.TotalUsage;
        Assert.Equal(0.0, StatsEntry.CpuPercentOf(idle));
    }

    [Fact]
    public void Memory_leaves_out_the_inactive_file_cache()
    {
        Assert.Equal(8.0 * 1024 * 1024, StatsEntry.MemoryWithoutCache(Sample().MemoryStats));
        Assert.Equal(5.0, StatsEntry.MemoryWithoutCache(new MemoryStatsBlock { Usage = 10, Stats = new() { ["inactive_file"] = 5 } }));
        Assert.Equal(10.0, StatsEntry.MemoryWithoutCache(new MemoryStatsBlock { Usage = 10, Stats = new() { ["total_inactive_file"] = 50 } }));
    }

    [Fact]
    public void The_table_row_reads_as_dockers()
    {
        var text = Formatter.Render(null, [StatsRows.Row(Id, StatsEntry.From(Sample()), noTrunc: false, invalid: false)], StatsRows.Headers, StatsRows.DefaultTable);
        var lines = text.Split('\n');
        Assert.Equal("CONTAINER ID   NAME      CPU %     MEM USAGE / LIMIT   MEM %     NET I/O      BLOCK I/O      PIDS", lines[0]);
        Assert.Equal("6f61e1c2fa2e   web       20.00%    8MiB / 64MiB        12.50%    2kB / 700B   8.19kB / 1MB   3", lines[1]);
    }

    [Fact]
    public void A_stopped_container_shows_zeros_and_an_unreadable_one_dashes()
    {
        var stopped = StatsRows.Row("x", StatsEntry.From(new ContainerStatsResponse { Name = "/x", Id = Id }), noTrunc: true, invalid: false);
        Assert.Equal($"{Id} x 0.00% 0B / 0B 0.00% 0B / 0B 0B / 0B 0\n",
            Formatter.Render("{{.ID}} {{.Name}} {{.CPUPerc}} {{.MemUsage}} {{.MemPerc}} {{.NetIO}} {{.BlockIO}} {{.PIDs}}", [stopped], StatsRows.Headers, StatsRows.DefaultTable));
        var invalid = StatsRows.Row("x", StatsEntry.Empty(), noTrunc: false, invalid: true);
        Assert.Equal("-- -- -- / -- --\n", Formatter.Render("{{.Name}} {{.CPUPerc}} {{.MemUsage}} {{.PIDs}}", [invalid], StatsRows.Headers, StatsRows.DefaultTable));
    }

    [Fact]
    public void A_redraw_frame_is_what_docker_writes()
    {
        Assert.Equal("\u001b[HA\nB\n\u001b[HA \u001b[K\nB \u001b[K\n \u001b[K\n\u001b[J", StatsCommand.Frame("A\nB\n"));
    }

    private static ContainerUpdate ParseUpdate(params string[] args)
    {
        var parser = new FlagParser("berth update");
        foreach (var name in new[] { "blkio-weight", "cpu-period", "cpu-quota", "cpu-rt-period", "cpu-rt-runtime", "cpus", "cpuset-cpus", "cpuset-mems", "kernel-memory", "memory-reservation", "memory-swap", "pids-limit", "restart" })
            parser.Value(name);
        parser.Value("memory", "m").Value("cpu-shares", "c");
        return UpdateCommand.Parse(parser.Parse(args));
    }

    [Fact]
    public void Update_flags_become_dockers_request()
    {
        var u = ParseUpdate("-m", "64m", "--memory-swap", "-1", "--cpus", "1.5", "-c", "512", "--pids-limit", "-1", "--restart", "on-failure:3", "--blkio-weight", "300");
        Assert.Equal(64L * 1024 * 1024, u.Memory);
        Assert.Equal(-1, u.MemorySwap);
        Assert.Equal(1_500_000_000, u.NanoCpus);
        Assert.Equal(512, u.CpuShares);
        Assert.Equal(-1, u.PidsLimit);
        Assert.Equal(300, u.BlkioWeight);
        Assert.Equal("on-failure", u.RestartPolicy!.Name);
        Assert.Equal(3, u.RestartPolicy.MaximumRetryCount);
        Assert.Null(ParseUpdate("-m", "64m").PidsLimit);
    }

    [Theory]
    [InlineData(new[] { "c1" }, "you must provide one or more flags when using this command")]
    [InlineData(new[] { "--kernel-memory", "10m", "c1" }, "--kernel-memory is not supported: kernel memory limits are deprecated in Docker and have no effect on current kernels")]
    [InlineData(new[] { "-m", "lots", "c1" }, "invalid argument \"lots\" for \"-m, --memory\" flag: invalid size: 'lots'")]
    public void Bad_update_flags_are_refused(string[] args, string message)
    {
        var e = Assert.Throws<UsageException>(() => ParseUpdate(args));
        Assert.Equal(message, e.Message);
    }
}
