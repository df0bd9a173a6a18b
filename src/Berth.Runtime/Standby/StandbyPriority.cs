using System.Runtime.InteropServices;

namespace Berth.Runtime.Standby;

// A process started ahead of time runs at a low priority until it has a job, so that starting it never takes CPU
// from a container start that is under way (the daemon starts the replacement right after handing a job out).
// It is a session and process-group leader, and PRIO_PGRP reaches every thread of every process in the group:
// the threads .NET started meanwhile and a runtime it started ahead in turn.
public static partial class StandbyPriority
{
    private const int PrioPgrp = 1, Low = 10;

    // Best effort: a standby that runs at normal priority is only a little less polite.
    public static void Lower(int processGroup) => setpriority(PrioPgrp, processGroup, Low);

    // Done by the daemon as it hands out the job: a standby still starting up at low priority on a busy machine
    // would otherwise take its time to even read the job.
    public static void Normal(int processGroup) => setpriority(PrioPgrp, processGroup, 0);

    public static void Restore()
    {
        if (setpriority(PrioPgrp, 0, 0) != 0)
        {
            throw new RuntimeException($"cannot restore the priority of a standby shim (errno {Marshal.GetLastPInvokeError()})");
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setpriority(int which, int who, int prio);
}
