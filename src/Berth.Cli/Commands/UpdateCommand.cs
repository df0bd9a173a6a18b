using System.Globalization;
using Berth.Api.Models.Containers;
using Berth.Cli.Support;
using Berth.Client;

namespace Berth.Cli.Commands;

// `berth update [OPTIONS] CONTAINER...`: docker's flags for resource limits and the restart policy. Prints each
// container updated, as named; failures are reported together at the end.
public static class UpdateCommand
{
    private static readonly Dictionary<string, string> Shorts = new(StringComparer.Ordinal) { ["memory"] = "m", ["cpu-shares"] = "c" };

    private static readonly string[] ValueFlags =
    [
        "blkio-weight", "cpu-period", "cpu-quota", "cpu-rt-period", "cpu-rt-runtime", "cpu-shares", "cpus", "cpuset-cpus",
        "cpuset-mems", "kernel-memory", "memory", "memory-reservation", "memory-swap", "pids-limit", "restart",
    ];

    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args, CancellationToken cancel)
    {
        var parser = new FlagParser("berth update");
        foreach (var name in ValueFlags) parser.Value(name, Shorts.GetValueOrDefault(name));
        var f = parser.Parse(args);
        ContainerLifecycleCommands.RequireArgs(f, "berth update", 1);
        var update = Parse(f);

        using var client = await DaemonConnector.ConnectAsync(context, cancel);
        var errors = new List<string>();
        var warnings = new List<string>();
        foreach (var container in f.Arguments)
        {
            try
            {
                var result = await client.UpdateContainerAsync(container, update, cancel);
                await context.Out.WriteLineAsync(container);
                warnings.AddRange(result.Warnings);
            }
            catch (ClientException e)
            {
                errors.Add(e.Status > 0 ? $"Error response from daemon: {e.Message}" : e.Message);
            }
        }
        if (warnings.Count > 0) await context.Out.WriteLineAsync(string.Join('\n', warnings));
        if (errors.Count > 0) throw new CommandFailedException(string.Join('\n', errors));
        return 0;
    }

    internal static ContainerUpdate Parse(ParsedFlags f)
    {
        if (!ValueFlags.Any(f.IsSet))
            throw new UsageException("you must provide one or more flags when using this command");
        if (f.IsSet("kernel-memory"))
            throw new UsageException("--kernel-memory is not supported: kernel memory limits are deprecated in Docker and have no effect on current kernels");
        var update = new ContainerUpdate
        {
            BlkioWeight = f.Last("blkio-weight") is { } bw ? BlkioWeight(bw) : (ushort)0,
            CpuPeriod = Number(f, "cpu-period"),
            CpuQuota = Number(f, "cpu-quota"),
            CpuRealtimePeriod = Number(f, "cpu-rt-period"),
            CpuRealtimeRuntime = Number(f, "cpu-rt-runtime"),
            CpuShares = Number(f, "cpu-shares"),
            NanoCpus = f.Last("cpus") is { } cpus ? Parse(cpus, "cpus", ValueParsers.NanoCpus) : 0,
            CpusetCpus = f.Last("cpuset-cpus") ?? "",
            CpusetMems = f.Last("cpuset-mems") ?? "",
            Memory = f.Last("memory") is { } m ? Parse(m, "memory", ValueParsers.RamInBytes) : 0,
            MemoryReservation = f.Last("memory-reservation") is { } r ? Parse(r, "memory-reservation", ValueParsers.RamInBytes) : 0,
            MemorySwap = f.Last("memory-swap") is { } s ? (s == "-1" ? -1 : Parse(s, "memory-swap", ValueParsers.RamInBytes)) : 0,
            PidsLimit = f.IsSet("pids-limit") ? Number(f, "pids-limit") : null,
        };
        if (f.Last("restart") is { Length: > 0 } restart) update.RestartPolicy = Restart(restart);
        return update;
    }

    private static long Number(ParsedFlags f, string flag) =>
        f.Last(flag) is { } value ? Parse(value, flag, ValueParsers.Int64) : 0;

    private static ushort BlkioWeight(string value) =>
        ushort.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var w) ? w
            : throw Invalid(value, "blkio-weight", $"strconv.ParseUint: parsing \"{value}\": invalid syntax");

    private static long Parse(string value, string flag, Func<string, long> parse)
    {
        try { return parse(value); }
        catch (FormatException e) { throw Invalid(value, flag, e.Message); }
    }

    private static UsageException Invalid(string value, string flag, string why) =>
        new($"invalid argument \"{value}\" for \"{(Shorts.TryGetValue(flag, out var s) ? $"-{s}, --{flag}" : "--" + flag)}\" flag: {why}");

    private static RestartPolicy Restart(string value)
    {
        var colon = value.IndexOf(':');
        var max = 0;
        if (colon >= 0 && !int.TryParse(value[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out max))
            throw new UsageException("invalid restart policy format: maximum retry count must be an integer");
        return new RestartPolicy { Name = colon < 0 ? value : value[..colon], MaximumRetryCount = max };
    }
}
