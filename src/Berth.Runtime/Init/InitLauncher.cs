using Berth.Linux.Cgroups;
using Berth.Linux.Namespaces;
using Berth.Linux.Native;
using Berth.Linux.Processes;

namespace Berth.Runtime.Init;

// Forks init inside the namespaces, puts it in its cgroup, lets it go, and follows it over the sync
// socket until it is ready. On failure the child is killed and reaped before the error propagates.
internal static class InitLauncher
{
    public static int Start(InitConfig config, int unshareFlags, IReadOnlyList<(NamespaceKind Kind, int Fd)> joins,
        bool newSession, CgroupManager cgroup, Action<string> warn, Action<int>? runParentHooks = null)
    {
        var (parentEnd, childEnd) = Fd.SocketPair();
        config.SyncFd = childEnd;
        int pid;
        try
        {
            pid = NamespaceThread.Run(unshareFlags, joins, () => ProcessForker.Fork(() =>
            {
                Fd.Close(parentEnd);
                if (newSession) ProcessControl.NewSession();
                return InitMain.Run(config);
            }));
        }
        catch
        {
            Fd.Close(parentEnd);
            throw;
        }
        finally
        {
            Fd.Close(childEnd);
        }
        using var channel = new SyncChannel(parentEnd);
        try
        {
            cgroup.AddProcess(pid);
            channel.Send(InitMain.Go);
            FollowUntilReady(channel, pid, warn, runParentHooks);
            return pid;
        }
        catch
        {
            ProcessControl.Kill(pid, Signals.SigKill);
            ProcessWaiter.WaitExit(pid);
            throw;
        }
    }

    private static void FollowUntilReady(SyncChannel channel, int pid, Action<string> warn, Action<int>? runParentHooks)
    {
        while (true)
        {
            var message = channel.Receive() ?? throw new RuntimeException("the container's init exited before it was ready");
            if (message == SyncChannel.Ready) return;
            if (message == SyncChannel.Hooks && runParentHooks is not null)
            {
                runParentHooks(pid);
                channel.Send(SyncChannel.HooksDone);
            }
            else if (message.StartsWith(SyncChannel.Warn, StringComparison.Ordinal))
            {
                warn(message[SyncChannel.Warn.Length..]);
            }
            else if (message.StartsWith(SyncChannel.Error, StringComparison.Ordinal))
            {
                throw new RuntimeException(message[SyncChannel.Error.Length..]);
            }
        }
    }
}
