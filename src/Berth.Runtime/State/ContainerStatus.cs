using Berth.Linux;
using Berth.Linux.Cgroups;
using Berth.Linux.Processes;

namespace Berth.Runtime.State;

// The status is derived, not stored: a live init that still waits on exec.fifo is "created", a live
// one past it is "running", anything else (gone, zombie, PID reused) is "stopped".
public static class ContainerStatus
{
    public const string Created = "created", Running = "running", Stopped = "stopped", Paused = "paused";

    public static string Of(ContainerRecord record, StateStore store)
    {
        if (record.Pid <= 0 || ProcessInfo.StartTime(record.Pid) != record.PidStartTime) return Stopped;
        if (File.Exists(store.FifoOf(record.Id))) return Created;
        return IsFrozen(record) ? Paused : Running;
    }

    private static bool IsFrozen(ContainerRecord record)
    {
        try
        {
            return CgroupManager.Open(record.CgroupsPath).IsFrozen();
        }
        catch (Exception e) when (e is LinuxException or IOException)
        {
            return false;
        }
    }
}
