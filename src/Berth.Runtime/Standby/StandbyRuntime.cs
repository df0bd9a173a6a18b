using System.Text.Json;
using Berth.Linux;
using Berth.Linux.Cgroups;
using Berth.Linux.Namespaces;
using Berth.Linux.Native;
using Berth.Linux.Security;
using Berth.Linux.Terminal;
using Berth.Oci.Runtime;

namespace Berth.Runtime.Standby;

// Hidden: `berth runtime --standby`, a runtime process a standby shim starts ahead of time so that a container's
// create does not wait for .NET to start. Its stdin is a unix socket; one message brings its arguments (an
// ArgumentLine, what follows `berth runtime`) and the stdio it is to have, and it then runs exactly as if it had
// been started with them. End of file instead: the shim got no container, and it exits. It is still a short-lived
// runtime process that forks the container's init, as ProcessForker requires.
public static class StandbyRuntime
{
    public const string Flag = "--standby";

    // What a create would otherwise do on its path: load libseccomp and read its version, run the spec reader and
    // the cgroup layout code once, and make a network namespace. A failure here is the create's to report, so it is
    // not reported now.
    public static void WarmUp()
    {
        PremadeNetworkNamespace.Make();
        try
        {
            SeccompCache.WarmUp();
            // The spec reader and the cgroup layout code ran cold on every create's path (about 0.5 ms each here):
            // a small spec with each section the daemon writes, and a look at the cgroup mounts, touch them now.
            var spec = RuntimeSpecReader.Read(WarmUpSpec);
            // The state writer's first string builds the JSON escaper's tables (a pass over the BMP): now, not
            // between the container's start and the report that it started.
            new State.ContainerRecord { Id = "warm-up", Bundle = "/", Rootfs = "/", CgroupsPath = "/", Spec = spec }.ToStateJson();
            CgroupManager.KeepHostView();
            CgroupManager.Open("/berth/standby-warm-up");
        }
        catch (Exception e) when (e is LinuxException or IOException or JsonException or FormatException)
        {
        }
        // The thread the container's init is forked from (InitLauncher), started now rather than on its path.
        NamespaceThread.Park();
    }

    private static readonly byte[] WarmUpSpec = """
        {"ociVersion":"1.2.0","process":{"terminal":false,"user":{"uid":0,"gid":0},"args":["true"],"env":["A=b"],"cwd":"/",
         "capabilities":{"bounding":["CAP_KILL"],"effective":["CAP_KILL"],"permitted":["CAP_KILL"]},
         "rlimits":[{"type":"RLIMIT_NOFILE","hard":1024,"soft":1024}],"noNewPrivileges":false},
         "root":{"path":"rootfs"},"hostname":"h",
         "mounts":[{"destination":"/proc","type":"proc","source":"proc","options":["nosuid"]}],
         "linux":{"namespaces":[{"type":"pid"},{"type":"mount"}],"maskedPaths":["/proc/kcore"],"readonlyPaths":["/proc/bus"],
          "resources":{"devices":[{"allow":false,"access":"rwm"}],"memory":{"limit":1048576},"cpu":{"shares":2},"pids":{"limit":10}},
          "seccomp":{"defaultAction":"SCMP_ACT_ERRNO","architectures":["SCMP_ARCH_X86_64"],
           "syscalls":[{"names":["read"],"action":"SCMP_ACT_ALLOW","args":[{"index":0,"value":1,"op":"SCMP_CMP_EQ"}]}]}}}
        """u8.ToArray();

    // The socket the job came on, kept for OfferMountNamespace; -1 when this runtime was not a standby.
    private static int _shim = -1;

    // Gives the shim the container's mount namespace before the container starts, so that the namespace outlives
    // a quick exit of PID 1 (ContainerShim holds it; see HoldMountNamespace there). Best effort: without it only
    // that exit is slower.
    public static void OfferMountNamespace(int initPid)
    {
        if (_shim < 0) return;
        var ns = Fd.TryOpenAt(-100 /* AT_FDCWD */, $"/proc/{initPid}/ns/mnt", OpenFlags.ReadOnly, out _);
        try
        {
            if (ns >= 0) FdPassing.Send(_shim, ns, "mnt");
        }
        catch (SyscallException)
        {
        }
        finally
        {
            if (ns >= 0) Fd.Close(ns);
        }
    }

    // Sent on the job socket once the job succeeded (the container created, or started, and its state written): the
    // shim goes on at once rather than waiting for this process to exit, which for a .NET process (its runtime's
    // shutdown, then the kernel tearing down its address space) took 0.3 to 1.8 ms here. A job that fails never
    // sends it; the shim then waits for the exit status as before.
    public const byte DoneMark = (byte)'!';

    public static void ReportDone()
    {
        if (_shim < 0) return;
        try
        {
            Fd.WriteAll(_shim, [DoneMark]);
        }
        catch (SyscallException)
        {
        }
        finally
        {
            Fd.Close(_shim);
            _shim = -1;
        }
    }

    // The arguments to run with, or null when the shim went away without a job.
    public static string[]? AwaitJob()
    {
        var fds = new List<int>();
        try
        {
            var args = ArgumentLine.Read(buffer => FdPassing.Receive(0, buffer, fds));
            if (args is null) return null;
            if (fds.Count != 3) throw new RuntimeException($"a standby runtime needs 3 stdio descriptors, got {fds.Count}");
            _shim = Fd.DupCloseOnExec(0);
            for (var i = 0; i < 3; i++) Fd.Dup2(fds[i], i);
            return args;
        }
        finally
        {
            foreach (var fd in fds) Fd.Close(fd);
        }
    }
}
