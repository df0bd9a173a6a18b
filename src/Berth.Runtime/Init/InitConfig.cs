using Berth.Linux.Security;
using Berth.Oci.Runtime;

namespace Berth.Runtime.Init;

// What the forked init is to do: set up a new container (create) or start a process inside an existing
// one (exec).
public sealed class InitConfig
{
    public string Mode { get; set; } = CreateMode;
    public string Id { get; set; } = "";
    public string Bundle { get; set; } = "";
    public string Rootfs { get; set; } = "";
    public RuntimeSpec Spec { get; set; } = new();
    public ProcessSpec Process { get; set; } = new();
    public bool NewCgroupNamespace { get; set; }
    public bool NewUtsNamespace { get; set; }
    // Init made a new network namespace (rather than joining one): it brings lo up there, as Docker's containers
    // have it; runc leaves it down, and dockerd brings it up through its network sandbox.
    public bool NewNetworkNamespace { get; set; }
    public bool ParentRunsHooks { get; set; }
    public CgroupLayout? Cgroups { get; set; }
    public SeccompProgram? Seccomp { get; set; }

    public const string CreateMode = "create", ExecMode = "exec";

    // Descriptors the forked init inherits: its end of the sync socket, the state directory (for
    // exec.fifo after pivot_root), the console socket and, for exec, the container's mount namespace.
    public int SyncFd { get; set; } = -1;
    public int StateDirFd { get; set; } = -1;
    public int ConsoleFd { get; set; } = -1;
    public int MountNamespaceFd { get; set; } = -1;
}

// The container's cgroup directories, so init can mount them at /sys/fs/cgroup without parsing mountinfo again.
public sealed class CgroupLayout
{
    public bool Unified { get; set; }
    public List<CgroupHierarchy> Hierarchies { get; set; } = [];
}

public sealed class CgroupHierarchy
{
    // Directory name under /sys/fs/cgroup ("memory", "cpu", "systemd"), superblock options ("memory",
    // "name=systemd"), and this container's directory in the host's hierarchy.
    public string Name { get; set; } = "";
    public string Options { get; set; } = "";
    public string HostPath { get; set; } = "";
}
