using System.Text.Json;
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
// settings. init joins the mount namespace itself (a .NET thread cannot spawn a program that lives only
// inside the container's filesystem).
public sealed class ContainerExecutor(StateStore store, Action<string> warn)
{
    public int Exec(string id, ProcessSpec process, string? consoleSocket, string? pidFile, bool detach)
    {
        var record = store.Load(id);
        var status = ContainerStatus.Of(record, store);
        if (status != ContainerStatus.Running) throw new RuntimeException($"cannot exec in a container that is {status}");
        SpecValidator.ValidateProcess(process, "process");
        var joins = new List<(NamespaceKind, int)>();
        var (parentEnd, childEnd) = Fd.SocketPair();
        var mountFd = -1;
        var consoleFd = -1;
        int pid;
        try
        {
            foreach (var ns in record.Spec.Linux?.Namespaces ?? [])
            {
                var kind = NamespaceKind.Parse(ns.Type);
                var fd = NamespaceFiles.Open(NamespaceFiles.OfProcess(record.Pid, kind), kind);
                if (kind == NamespaceKind.Mount) mountFd = fd;
                else joins.Add((kind, fd));
            }
            if (consoleSocket is not null) consoleFd = FdPassing.ConnectUnix(consoleSocket);
            var fds = new List<(int, int)> { (0, 0), (1, 1), (2, 2), (childEnd, InitConfig.SyncFd), (mountFd, InitConfig.MountNamespaceFd) };
            if (consoleFd >= 0) fds.Add((consoleFd, InitConfig.ConsoleFd));
            pid = NamespaceThread.Run(0, joins,
                () => ProcessSpawner.Spawn("/proc/self/exe", ["berth", "init"], [], fds, newSession: process.Terminal));
        }
        finally
        {
            Fd.Close(childEnd);
            Fd.Close(consoleFd);
            Fd.Close(mountFd);
            foreach (var (_, fd) in joins) Fd.Close(fd);
        }
        using var channel = new SyncChannel(parentEnd);
        try
        {
            CgroupManager.Open(record.CgroupsPath).AddProcess(pid);
            var config = new InitConfig
            {
                Mode = InitConfig.ExecMode,
                Id = id,
                Bundle = record.Bundle,
                Rootfs = record.Rootfs,
                Spec = record.Spec,
                Process = process,
                HasConsoleSocket = consoleFd >= 0,
            };
            channel.Send(System.Text.Encoding.UTF8.GetString(config.ToJson(record.SpecJson)));
            while (true)
            {
                var message = channel.Receive() ?? throw new RuntimeException("exec process exited before it was ready");
                if (message == SyncChannel.Ready) break;
                if (message.StartsWith(SyncChannel.Warn, StringComparison.Ordinal)) warn(message[SyncChannel.Warn.Length..]);
                else if (message.StartsWith(SyncChannel.Error, StringComparison.Ordinal)) throw new RuntimeException(message[SyncChannel.Error.Length..]);
            }
        }
        catch
        {
            ProcessControl.Kill(pid, Signals.SigKill);
            ProcessWaiter.WaitExit(pid);
            throw;
        }
        if (pidFile is not null) ContainerCreator.WritePidFile(pidFile, pid);
        return detach ? 0 : ProcessWaiter.WaitExit(pid);
    }
}
