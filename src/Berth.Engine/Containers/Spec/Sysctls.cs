namespace Berth.Engine.Containers.Spec;

// Which sysctls a container may set: only those its own namespaces isolate, as dockerd allows.
public static class Sysctls
{
    private static readonly string[] IpcNames = ["kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem", "kernel.shmall", "kernel.shmmax", "kernel.shmmni", "kernel.shm_rmid_forced"];

    public static Dictionary<string, string>? Validate(Dictionary<string, string>? sysctls, bool hostNetwork, bool hostIpc, bool hostUts)
    {
        if (sysctls is null || sysctls.Count == 0) return null;
        foreach (var name in sysctls.Keys)
        {
            if (name.StartsWith("net.", StringComparison.Ordinal))
            {
                if (hostNetwork) throw new ContainerSpecException($"sysctl '{name}' not allowed in host network namespace");
            }
            else if (IpcNames.Contains(name) || name.StartsWith("fs.mqueue.", StringComparison.Ordinal))
            {
                if (hostIpc) throw new ContainerSpecException($"sysctl '{name}' not allowed with host IPC namespace");
            }
            else if (name is "kernel.domainname" or "kernel.hostname")
            {
                if (hostUts) throw new ContainerSpecException($"sysctl '{name}' not allowed with host UTS namespace");
            }
            else
                throw new ContainerSpecException($"sysctl '{name}' is not allowed");
        }
        return new Dictionary<string, string>(sysctls);
    }
}
