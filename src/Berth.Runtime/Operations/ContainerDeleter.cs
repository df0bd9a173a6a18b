using Berth.Linux.Cgroups;
using Berth.Linux.Processes;
using Berth.Runtime.Hooks;
using Berth.Runtime.State;

namespace Berth.Runtime.Operations;

// `delete`: removes a stopped (or, with --force, any) container: its processes, cgroup and state, then
// runs poststop hooks. Mounts live in the container's mount namespace and go with its last process.
public sealed class ContainerDeleter(StateStore store, Action<string> warn)
{
    private static readonly TimeSpan KillWait = TimeSpan.FromSeconds(10);

    public void Delete(string id, bool force)
    {
        var record = store.TryLoad(id);
        if (record is null)
        {
            if (force)
            {
                store.Remove(id);
                return;
            }
            throw new RuntimeException($"container \"{id}\" does not exist");
        }
        var status = ContainerStatus.Of(record, store);
        if (status is ContainerStatus.Running or ContainerStatus.Paused && !force)
        {
            throw new RuntimeException($"cannot delete container \"{id}\" that is {status}: stop it first or use --force");
        }
        var cgroup = CgroupManager.Open(record.CgroupsPath);
        if (status != ContainerStatus.Stopped)
        {
            if (status == ContainerStatus.Paused) cgroup.Thaw();
            ProcessControl.Kill(record.Pid, Signals.SigKill);
            cgroup.KillAll();
            if (!ProcessWaiter.WaitGone(record.Pid, KillWait)) throw new RuntimeException($"container \"{id}\" did not die after SIGKILL");
        }
        else if (cgroup.Processes().Count > 0)
        {
            // Processes that outlived init (a daemon it started with setsid) still hold the cgroup.
            cgroup.KillAll();
        }
        cgroup.Destroy();
        store.Remove(id);
        HookRunner.RunWarnOnly(record.Spec.Hooks?.Poststop, record.ToOciState(ContainerStatus.Stopped), "poststop", warn);
    }
}
