using Berth.Linux.Cgroups;
using Berth.Linux.Namespaces;
using Berth.Linux.Native;
using Berth.Linux.Processes;
using Berth.Linux.Terminal;
using Berth.Oci.Runtime;
using Berth.Runtime.Init;
using Berth.Runtime.Spec;
using Berth.Runtime.State;

namespace Berth.Runtime.Operations;

// `exec`: starts another process in a running container: same namespaces and cgroup, its own process
// settings. The forked child joins the mount namespace itself: setns into a mount namespace needs a
// single-threaded caller.
public sealed class ContainerExecutor(StateStore store, Action<string> warn)
{
    public int Exec(string id, ProcessSpec process, string? consoleSocket, string? pidFile, bool detach)
    {
        var record = store.Load(id);
        var status = ContainerStatus.Of(record, store);
        if (status != ContainerStatus.Running) throw new RuntimeException($"cannot exec in a container that is {status}");
        SpecValidator.ValidateProcess(process, "process");
        var joins = new List<(NamespaceKind, int)>();
        var config = new InitConfig
        {
            Mode = InitConfig.ExecMode,
            Id = id,
            Bundle = record.Bundle,
            Rootfs = record.Rootfs,
            Spec = record.Spec,
            Seccomp = store.SeccompProgramOf(record.Spec),
            Process = process,
        };
        int pid;
        try
        {
            foreach (var ns in record.Spec.Linux?.Namespaces ?? [])
            {
                var kind = NamespaceKind.Parse(ns.Type);
                var fd = NamespaceFiles.Open(NamespaceFiles.OfProcess(record.Pid, kind), kind);
                if (kind == NamespaceKind.Mount) config.MountNamespaceFd = fd;
                else joins.Add((kind, fd));
            }
            if (consoleSocket is not null) config.ConsoleFd = FdPassing.ConnectUnix(consoleSocket);
            pid = InitLauncher.Start(config, 0, joins, newSession: process.Terminal, CgroupManager.Open(record.CgroupsPath), warn);
        }
        finally
        {
            Fd.Close(config.ConsoleFd);
            Fd.Close(config.MountNamespaceFd);
            foreach (var (_, fd) in joins) Fd.Close(fd);
        }
        if (pidFile is not null) ContainerCreator.WritePidFile(pidFile, pid);
        return detach ? 0 : ProcessWaiter.WaitExit(pid);
    }
}
