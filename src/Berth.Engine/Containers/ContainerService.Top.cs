using Berth.Api.Models.Containers;
using Berth.Engine.Containers.Stats;
using Berth.Linux;
using Berth.Linux.Cgroups;
using Berth.Linux.Native;
using Berth.Linux.Processes;

namespace Berth.Engine.Containers;

// GET /containers/{id}/top: the host's ps, limited to the processes in the container's cgroup, as dockerd does.
public sealed partial class ContainerService
{
    public async Task<ContainerTopResponse> TopAsync(string reference, string? psArgs, CancellationToken ct)
    {
        var c = Find(reference);
        if (!c.Record.IsRunning) throw ContainerException.Conflict($"container {c.Id} is not running");
        if (c.Record.Status == "restarting")
            throw ContainerException.Conflict($"Container {c.Id} is restarting, wait until the container is running");
        var args = string.IsNullOrEmpty(psArgs) ? PsOutput.DefaultArgs : psArgs;
        if (PsOutput.ValidateArgs(args) is { } refused) throw new ContainerException(400, refused);

        IReadOnlyList<int> pids;
        try { pids = CgroupManager.Open(CgroupsPathOf(c)).Processes(); }
        catch (Exception e) when (e is LinuxException or IOException) { throw new ContainerException(500, e.Message); }
        var ps = CommandRunner.Find("ps") ?? throw new ContainerException(500, "ps: executable file not found in $PATH (install procps)");
        var argv = new List<string> { "ps" };
        argv.AddRange(args.Split(' '));
        var result = await RunPs(ps, [.. argv, "-q", PsOutput.PidsArgument(pids)], ct);
        // Some options (f, for one) cannot be combined with -q: then all of ps's rows, filtered below.
        if (result.ExitCode != 0) result = await RunPs(ps, argv, ct);
        if (result.ExitCode != 0)
        {
            var line = result.Stderr.Split('\n')[0];
            throw new ContainerException(500, line.Length > 0 ? "ps: " + line : $"ps: exit status {result.ExitCode}");
        }
        ContainerTopResponse top;
        try { top = PsOutput.Parse(result.Stdout, pids.ToHashSet()); }
        catch (FormatException e) { throw new ContainerException(500, e.Message); }
        Publish(c, "top");
        return top;
    }

    private static async Task<CommandResult> RunPs(string ps, IReadOnlyList<string> argv, CancellationToken ct)
    {
        try { return await CommandRunner.RunAsync(ps, argv, ct); }
        catch (SyscallException e) { throw new ContainerException(500, $"ps: {e.Message}"); }
    }
}
