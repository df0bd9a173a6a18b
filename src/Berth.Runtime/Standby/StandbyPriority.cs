using Berth.Linux.Native;
using Berth.Linux.Processes;

namespace Berth.Runtime.Standby;

// A process started ahead of time runs at a low priority until it has a job, so that starting it never takes CPU
// from a container start that is under way (the daemon starts the replacement right after handing a job out).
// It is a session and process-group leader, and PRIO_PGRP reaches every thread of every process in the group:
// the threads .NET started meanwhile and a runtime it started ahead in turn.
public static class StandbyPriority
{
    private const int Low = 19;

    // Best effort: a standby that runs at normal priority is only a little less polite.
    public static void Lower(int processGroup) => TrySet(processGroup, Low);

    // A standby is started through nice(1), so that its .NET start-up already runs at the low priority: lowered by
    // the spawner once posix_spawn returned, it ran at normal priority meanwhile, beside the container start that
    // had just taken the pool's shim. Not by lowering the spawning thread instead: the child of posix_spawn holds
    // a copy of the daemon's descriptors until its exec, and at a low priority on a busy machine that took long
    // enough for a daemon killed meanwhile to leave its socket answering. null (and no arguments) without nice.
    public static string? Launcher { get; } = File.Exists("/usr/bin/nice") ? "/usr/bin/nice" : null;

    public static IReadOnlyList<string> LauncherArguments { get; } = Launcher is null ? [] : [Launcher, "-n", Low.ToString(System.Globalization.CultureInfo.InvariantCulture)];

    // Done by the daemon as it hands out the job: a standby still starting up at low priority on a busy machine
    // would otherwise take its time to even read the job.
    public static void Normal(int processGroup) => TrySet(processGroup, 0);

    // Done by the shim itself once it has its job: the container must not inherit the standby's low priority.
    public static void Restore()
    {
        try
        {
            ProcessControl.SetGroupPriority(0, 0);
        }
        catch (SyscallException e)
        {
            throw new RuntimeException($"cannot restore the priority of a standby shim: {e.Message}");
        }
    }

    private static void TrySet(int processGroup, int nice)
    {
        try
        {
            ProcessControl.SetGroupPriority(processGroup, nice);
        }
        catch (SyscallException)
        {
        }
    }
}
