using System.Text.Json;
using Berth.Linux.Native;
using Berth.Linux.Processes;
using Berth.Oci;
using Berth.Oci.Runtime;

namespace Berth.Runtime.Hooks;

// Runs OCI hooks: each gets the container's state JSON on stdin; its output goes to our stderr so it
// cannot corrupt what the runtime prints on stdout.
public static class HookRunner
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    public static void Run(IReadOnlyList<HookSpec>? hooks, ContainerState state, string phase)
    {
        if (hooks is not { Count: > 0 }) return;
        var json = JsonSerializer.SerializeToUtf8Bytes(state, OciJsonContext.Default.ContainerState);
        foreach (var hook in hooks) RunOne(hook, json, phase);
    }

    // Poststart and poststop failures do not undo anything: the spec says to warn and go on.
    public static void RunWarnOnly(IReadOnlyList<HookSpec>? hooks, ContainerState state, string phase, Action<string> warn)
    {
        if (hooks is not { Count: > 0 }) return;
        var json = JsonSerializer.SerializeToUtf8Bytes(state, OciJsonContext.Default.ContainerState);
        foreach (var hook in hooks)
        {
            try
            {
                RunOne(hook, json, phase);
            }
            catch (RuntimeException e)
            {
                warn(e.Message);
            }
        }
    }

    private static void RunOne(HookSpec hook, byte[] stateJson, string phase)
    {
        var (read, write) = Fd.Pipe();
        int pid;
        try
        {
            var args = hook.Args is { Count: > 0 } a ? a : [hook.Path];
            pid = ProcessSpawner.Spawn(hook.Path, args, hook.Env ?? [], [(read, 0), (2, 1), (2, 2)], newSession: false);
        }
        catch (SyscallException e)
        {
            Fd.Close(read);
            Fd.Close(write);
            throw new RuntimeException($"{phase} hook {hook.Path}: {e.Message}");
        }
        Fd.Close(read);
        try
        {
            Fd.WriteAll(write, stateJson);
        }
        catch (SyscallException)
        {
            // A hook need not read its stdin; EPIPE is not a failure of the hook.
        }
        Fd.Close(write);
        var timeout = hook.Timeout is > 0 ? TimeSpan.FromSeconds(hook.Timeout.Value) : DefaultTimeout;
        if (!ProcessWaiter.WaitGone(pid, timeout))
        {
            ProcessControl.Kill(pid, Signals.SigKill);
            ProcessWaiter.WaitExit(pid);
            throw new RuntimeException($"{phase} hook {hook.Path} timed out after {timeout.TotalSeconds:0}s");
        }
        var status = ProcessWaiter.WaitExit(pid);
        if (status != 0) throw new RuntimeException($"{phase} hook {hook.Path} failed with exit status {status}");
    }
}
