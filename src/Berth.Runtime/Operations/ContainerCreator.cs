using System.Text.Json;
using Berth.Linux;
using Berth.Linux.Cgroups;
using Berth.Linux.Namespaces;
using Berth.Linux.Native;
using Berth.Linux.Processes;
using Berth.Linux.Terminal;
using Berth.Oci.Runtime;
using Berth.Runtime.Hooks;
using Berth.Runtime.Init;
using Berth.Runtime.Spec;
using Berth.Runtime.State;

using Berth.Runtime.Standby;

namespace Berth.Runtime.Operations;

// `create`: claims the id, makes the cgroup, starts `berth init` in new namespaces and waits until it
// reports the container set up. Any failure undoes everything made so far.
public sealed class ContainerCreator(StateStore store, Action<string> warn)
{
    public ContainerRecord Create(string id, string bundle, string? consoleSocket, string? pidFile)
    {
        var record = Create(id, bundle, consoleSocket, relayTerminal: false, out _);
        Persist(record, pidFile);
        return record;
    }

    // The container set up and its init waiting on exec.fifo, but its state not yet written: the caller persists it
    // (Persist), which `run --detach` does after releasing init, so the exec does not wait for three file writes.
    // relayTerminal: a terminal process without a console socket hands its pty master to us (run in the
    // foreground relays it); terminalMaster is that descriptor, or -1.
    public ContainerRecord Create(string id, string bundle, string? consoleSocket, bool relayTerminal, out int terminalMaster)
    {
        terminalMaster = -1;
        StateStore.ValidateId(id);
        bundle = Path.GetFullPath(bundle);
        var (spec, specJson) = SpecLoader.Load(bundle);
        var stateDir = store.CreateDir(id);
        var record = new ContainerRecord
        {
            Id = id,
            Bundle = bundle,
            Rootfs = Path.GetFullPath(Path.Combine(bundle, spec.Root!.Path)),
            Created = DateTime.UtcNow,
            CgroupsPath = spec.Linux?.CgroupsPath is { Length: > 0 } cp ? cp : $"/berth/{id}",
            Spec = spec,
            SpecJson = specJson,
        };
        CgroupManager? cgroup = null;
        var pid = 0;
        try
        {
            Fd.MkFifo(store.FifoOf(id), 0x180 /* 0600 */);
            cgroup = CgroupManager.Open(record.CgroupsPath);
            cgroup.Create();
            cgroup.Apply(DefaultDeviceRules.WithDefaults(spec.Linux?.Resources, spec.Linux?.Devices));
            var relay = relayTerminal && consoleSocket is null && spec.Process!.Terminal;
            var (ours, theirs) = relay ? Fd.SocketPair() : (-1, -1);
            try
            {
                pid = StartInit(record, cgroup, consoleSocket, theirs, stateDir);
                if (relay) terminalMaster = FdPassing.Receive(ours, out _);
            }
            finally
            {
                Fd.Close(ours);
                Fd.Close(theirs);
            }
            record.Pid = pid;
            record.PidStartTime = ProcessInfo.StartTime(pid) ?? throw new RuntimeException("container init exited during create");
            return record;
        }
        catch
        {
            Undo(record, pid, cgroup);
            throw;
        }
    }

    // Writes the state of a container Create made; if that fails, the container is undone (its init killed, even
    // if already released) and the error propagates.
    public void Persist(ContainerRecord record, string? pidFile)
    {
        try
        {
            store.Save(record);
            if (pidFile is not null) WritePidFile(pidFile, record.Pid);
        }
        catch
        {
            Abandon(record);
            throw;
        }
    }

    // Undoes a container Create made whose state was never written: kills its init, removes its cgroup and its
    // state directory.
    public void Abandon(ContainerRecord record) => Undo(record, record.Pid, TryOpen(record.CgroupsPath));

    private void Undo(ContainerRecord record, int pid, CgroupManager? cgroup)
    {
        if (pid > 0)
        {
            ProcessControl.Kill(pid, Signals.SigKill);
            ProcessWaiter.WaitExit(pid);
        }
        TryDestroy(cgroup);
        store.Remove(record.Id);
    }

    private static CgroupManager? TryOpen(string cgroupsPath)
    {
        try
        {
            return CgroupManager.Open(cgroupsPath);
        }
        catch (Exception e) when (e is LinuxException or IOException)
        {
            return null;
        }
    }

    private int StartInit(ContainerRecord record, CgroupManager cgroup, string? consoleSocket, int consoleFd, string stateDir)
    {
        var spec = record.Spec;
        var namespaces = spec.Linux?.Namespaces ?? [];
        var unshare = 0;
        var joins = new List<(NamespaceKind, int)>();
        var config = new InitConfig
        {
            Mode = InitConfig.CreateMode,
            Id = record.Id,
            Bundle = record.Bundle,
            Rootfs = record.Rootfs,
            Spec = spec,
            Seccomp = store.SeccompProgramOf(spec),
            Process = spec.Process!,
            NewCgroupNamespace = IsNew(namespaces, "cgroup"),
            NewUtsNamespace = IsNew(namespaces, "uts"),
            ParentRunsHooks = spec.Hooks?.Prestart is { Count: > 0 } || spec.Hooks?.CreateRuntime is { Count: > 0 },
            Cgroups = CgroupLayoutFactory.From(cgroup),
        };
        try
        {
            foreach (var ns in namespaces)
            {
                var kind = NamespaceKind.Parse(ns.Type);
                if (ns.Path is { Length: > 0 } path) joins.Add((kind, NamespaceFiles.Open(path, kind)));
                else if (kind != NamespaceKind.Cgroup) unshare |= kind.CloneFlag; // init unshares it once inside its cgroup
            }
            unshare = PremadeNetworkNamespace.Use(unshare, joins);
            config.NewNetworkNamespace = (unshare & NamespaceFlags.NewNet) != 0;
            config.StateDirFd = Fd.Open(stateDir, OpenFlags.Path | OpenFlags.Directory);
            config.ConsoleFd = consoleSocket is not null ? FdPassing.ConnectUnix(consoleSocket) : consoleFd;
            return InitLauncher.Start(config, unshare, joins, newSession: true, cgroup, warn, pid => RunCreateHooks(record, pid));
        }
        finally
        {
            Fd.Close(config.StateDirFd);
            if (config.ConsoleFd != consoleFd) Fd.Close(config.ConsoleFd);
            foreach (var (_, fd) in joins) Fd.Close(fd);
        }
    }

    // prestart and createRuntime run in the runtime's namespaces while init waits, before pivot_root.
    private static void RunCreateHooks(ContainerRecord record, int pid)
    {
        var state = record.ToOciState("creating");
        state.Pid = pid;
        HookRunner.Run(record.Spec.Hooks?.Prestart, state, "prestart");
        HookRunner.Run(record.Spec.Hooks?.CreateRuntime, state, "createRuntime");
    }

    private static bool IsNew(IEnumerable<NamespaceSpec> namespaces, string type) =>
        namespaces.Any(n => n.Type == type && string.IsNullOrEmpty(n.Path));

    internal static void WritePidFile(string path, int pid)
    {
        var full = Path.GetFullPath(path);
        var tmp = full + ".tmp";
        File.WriteAllText(tmp, pid.ToString());
        File.Move(tmp, full, overwrite: true);
    }

    internal static void TryDestroy(CgroupManager? cgroup)
    {
        if (cgroup is null) return;
        try
        {
            cgroup.KillAll();
            cgroup.Destroy();
        }
        catch (LinuxException)
        {
        }
        catch (SyscallException)
        {
        }
    }
}
