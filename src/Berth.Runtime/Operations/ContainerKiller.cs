using Berth.Linux.Cgroups;
using Berth.Linux.Processes;
using Berth.Runtime.State;

namespace Berth.Runtime.Operations;

// `kill`: signals the container's init, or with --all every process in its cgroup.
public sealed class ContainerKiller(StateStore store)
{
    public void Kill(string id, int signal, bool all)
    {
        var record = store.Load(id);
        var status = ContainerStatus.Of(record, store);
        if (status == ContainerStatus.Stopped && !all) throw new RuntimeException($"container \"{id}\" is not running");
        if (all)
        {
            foreach (var pid in CgroupManager.Open(record.CgroupsPath).Processes()) ProcessControl.Kill(pid, signal);
            return;
        }
        if (!ProcessControl.Kill(record.Pid, signal)) throw new RuntimeException($"container \"{id}\" is not running");
    }
}
