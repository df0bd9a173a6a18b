using Berth.Linux;
using Berth.Linux.Native;
using Berth.Linux.Processes;
using Berth.Linux.Namespaces;
using Berth.Linux.Netlink;
using Berth.Oci.Runtime;
using Berth.Runtime.Hooks;
using Berth.Runtime.State;

namespace Berth.Runtime.Init;

// The container's init: a fork of the runtime made in the container's namespaces (see ContainerCreator),
// or of `exec` in an existing container's (see ContainerExecutor).
public static class InitMain
{
    public const string Go = "go";

    // The body of the forked child. It waits for "go" (the runtime has put it in its cgroup), sets the
    // container up, tells the runtime it is ready, waits for `start` on exec.fifo, and execs the user's
    // process. Returns only on failure, with the exit status for the child.
    public static int Run(InitConfig config)
    {
        using var channel = new SyncChannel(config.SyncFd);
        var ready = false;
        try
        {
            if (channel.Receive() != Go) return 1;
            var launcher = new ProcessLauncher(config, w => channel.Send(SyncChannel.Warn + w));
            if (config.Mode == InitConfig.ExecMode)
            {
                EnterMountNamespace(config.MountNamespaceFd);
                launcher.Prepare();
                channel.Send(SyncChannel.Ready);
                ready = true;
                launcher.Launch();
                return 127;
            }
            SetUpContainer(config, channel);
            launcher.Prepare();
            channel.Send(SyncChannel.Ready);
            ready = true;
            launcher.LoadSeccompBeforeStart();
            WaitForStart(config.StateDirFd);
            HookRunner.Run(config.Spec.Hooks?.StartContainer, State(config, ContainerStatus.Created), "startContainer");
            launcher.Launch();
            return 127;
        }
        catch (Exception e)
        {
            var message = e is RuntimeException or LinuxException or SyscallException or IOException or UnauthorizedAccessException
                ? e.Message
                : $"internal error: {e.GetType().Name}: {e.Message}";
            if (!ready)
            {
                channel.Send(SyncChannel.Error + message);
                return 1;
            }
            Console.Error.WriteLine($"berth: {message}");
            return e is SyscallException { Errno: 13 } ? 126 : 127;
        }
    }

    private static void SetUpContainer(InitConfig config, SyncChannel channel)
    {
        if (config.NewCgroupNamespace) ThreadNamespaces.Unshare(NamespaceFlags.NewCgroup);
        if (config.NewNetworkNamespace)
        {
            using var netlink = RouteNetlink.Open();
            netlink.SetLoopbackUp();
        }
        var builder = new RootfsBuilder(config);
        builder.Prepare();
        if (config.ParentRunsHooks)
        {
            channel.Send(SyncChannel.Hooks);
            var reply = channel.Receive();
            if (reply != SyncChannel.HooksDone) throw new RuntimeException(reply is null ? "the runtime went away during hooks" : "hooks failed");
        }
        HookRunner.Run(config.Spec.Hooks?.CreateContainer, State(config, "creating"), "createContainer");
        Linux.Mounts.RootSwitch.PivotTo(config.Rootfs);
        // Sysctls go in before /proc/sys becomes read-only (runc's order: sysctl, read-only, masked).
        foreach (var (key, value) in config.Spec.Linux?.Sysctl ?? [])
        {
            if (key.Contains("..") || key.Contains('/')) throw new RuntimeException($"invalid sysctl \"{key}\"");
            WriteSysctl(key, value);
        }
        PathMasker.MakeReadOnly(config.Spec.Linux?.ReadonlyPaths);
        PathMasker.Mask(config.Spec.Linux?.MaskedPaths);
        if (config.NewUtsNamespace)
        {
            if (config.Spec.Hostname is { Length: > 0 } h) ProcessControl.SetHostname(h);
            if (config.Spec.Domainname is { Length: > 0 } d) ProcessControl.SetDomainname(d);
        }
        if (config.Spec.Root?.Readonly == true) PathMasker.MakeRootReadOnly();
    }

    private static void WriteSysctl(string key, string value)
    {
        try
        {
            File.WriteAllText("/proc/sys/" + key.Replace('.', '/'), value);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RuntimeException($"cannot set sysctl {key}={value}: {e.Message.TrimEnd(' ', ':')}");
        }
    }

    // exec: the forked child is single-threaded, so it can join the container's mount namespace itself.
    private static void EnterMountNamespace(int fd)
    {
        ThreadNamespaces.Join(fd, NamespaceKind.Mount);
        Fd.Close(fd);
    }

    // Blocks until `start` opens exec.fifo for reading; opened through the state directory's descriptor,
    // which still works after pivot_root.
    private static void WaitForStart(int stateDirFd)
    {
        var fd = Fd.TryOpenAt(stateDirFd, "exec.fifo", OpenFlags.WriteOnly, out var errno);
        if (fd < 0) throw new SyscallException("open exec.fifo", errno);
        Fd.WriteAll(fd, "0"u8);
        Fd.Close(fd);
        Fd.Close(stateDirFd);
    }

    private static ContainerState State(InitConfig config, string status) => new()
    {
        Id = config.Id,
        Status = status,
        Pid = ProcessControl.CurrentPid,
        Bundle = config.Bundle,
        Annotations = config.Spec.Annotations,
    };
}
