using Berth.Cli.Support;

namespace Berth.Cli.Commands;

// `berth system check [--repair]`: Berth's own command (docker has none). Prints every problem the image store's
// check found and exits 1 when there was any, even once repaired, so scripts notice that something was wrong.
public static class SystemCheckCommand
{
    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args, CancellationToken cancel)
    {
        var flags = new FlagParser("berth system check").Bool("repair").Parse(args);
        if (flags.Arguments.Count > 0)
            throw new UsageException("\"berth system check\" accepts no arguments; see 'berth system check --help'");

        using var client = await DaemonConnector.ConnectAsync(context, cancel);
        var report = await client.SystemCheckAsync(flags.Flag("repair"), cancel);
        foreach (var problem in report.Problems)
            await context.Out.WriteLineAsync(problem);
        if (report.Count == 0)
        {
            await context.Out.WriteLineAsync("No problems found");
            return 0;
        }
        var noun = report.Count == 1 ? "problem" : "problems";
        await context.Out.WriteLineAsync(report.Repaired ? $"{report.Count} {noun} found and repaired" : $"{report.Count} {noun} found; run 'berth system check --repair' to repair them");
        return 1;
    }
}
