using System.Text.Json;
using Berth.Linux;
using Berth.Linux.Native;
using Berth.Linux.Processes;
using Berth.Linux.Namespaces;
using Berth.Oci.Runtime;
using Berth.Runtime.Hooks;
using Berth.Runtime.State;

namespace Berth.Runtime.Init;

// `berth init`: the first process inside a new container (or an exec'd one). It reads its orders from
// the sync socket, sets the container up, tells the runtime it is ready, waits for `start` on exec.fifo,
// and becomes the user's process by execve.
public static class InitMain
{
    public static int Run()
    {
        using var channel = new SyncChannel(InitConfig.SyncFd);
        var ready = false;
        try
        {
            var line = channel.Receive() ?? throw new RuntimeException("the runtime closed the sync socket before sending the config");
            var config = InitConfig.Parse(line);
            var launcher = new ProcessLauncher(config, w => channel.Send(SyncChannel.Warn + w));
            launcher.CompileSeccomp();
            if (config.Mode == InitConfig.ExecMode)
            {
                EnterMountNamespace();
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
            if (config.WaitForStart) WaitForStart();
            HookRunner.Run(config.Spec.Hooks?.StartContainer, State(config, ContainerStatus.Created), "startContainer");
            launcher.Launch();
            return 127;
        }
        catch (Exception e) when (e is RuntimeException or LinuxException or SyscallException or IOException or UnauthorizedAccessException or JsonException or FormatException)
        {
            if (!ready)
            {
                channel.Send(SyncChannel.Error + e.Message);
                return 1;
            }
            Console.Error.WriteLine($"berth init: {e.Message}");
            return e is SyscallException { Errno: 13 } ? 126 : 127;
        }
    }

    private static void SetUpContainer(InitConfig config, SyncChannel channel)
    {
        if (config.NewCgroupNamespace) ThreadNamespaces.Unshare(NamespaceFlags.NewCgroup);
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
        PathMasker.Mask(config.Spec.Linux?.MaskedPaths);
        PathMasker.MakeReadOnly(config.Spec.Linux?.ReadonlyPaths);
        foreach (var (key, value) in config.Spec.Linux?.Sysctl ?? [])
        {
            var file = "/proc/sys/" + key.Replace('.', '/');
            if (key.Contains("..") || key.Contains('/')) throw new RuntimeException($"invalid sysctl \"{key}\"");
            File.WriteAllText(file, value);
        }
        if (config.NewUtsNamespace)
        {
            if (config.Spec.Hostname is { Length: > 0 } h) ProcessControl.SetHostname(h);
            if (config.Spec.Domainname is { Length: > 0 } d) ProcessControl.SetDomainname(d);
        }
        if (config.Spec.Root?.Readonly == true) PathMasker.MakeRootReadOnly();
    }

    // exec: join the container's mount namespace on this (the main) thread, which then execs.
    private static void EnterMountNamespace()
    {
        ThreadNamespaces.Unshare(NamespaceFlags.Fs);
        ThreadNamespaces.Join(InitConfig.MountNamespaceFd, NamespaceKind.Mount);
        Fd.Close(InitConfig.MountNamespaceFd);
    }

    // Blocks until `start` opens exec.fifo for reading; opened through the state directory's descriptor,
    // which still works after pivot_root.
    private static void WaitForStart()
    {
        var fd = Fd.TryOpenAt(InitConfig.StateDirFd, "exec.fifo", OpenFlags.WriteOnly, out var errno);
        if (fd < 0) throw new SyscallException("open exec.fifo", errno);
        Fd.WriteAll(fd, "0"u8);
        Fd.Close(fd);
        Fd.Close(InitConfig.StateDirFd);
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
