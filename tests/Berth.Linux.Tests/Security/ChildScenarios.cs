using System.Runtime.InteropServices;
using System.Text;
using Berth.Linux.Security;
using Berth.Oci.Runtime;

namespace Berth.Linux.Tests.Security;

// What a child process does; each returns the lines its test asserts on.
internal static class ChildScenarios
{
    // Thread-scoped state (caps, seccomp) is read from the thread that changed it.
    private static string Status(params string[] keys) =>
        string.Join("\n", File.ReadAllLines("/proc/thread-self/status")
            .Where(l => keys.Any(k => l.StartsWith(k + ":", StringComparison.Ordinal)))) + "\n";

    public static string SeccompLoad()
    {
        Seccomp.Load(new SeccompSpec
        {
            DefaultAction = "SCMP_ACT_ALLOW",
            Syscalls = [new SeccompSyscall { Names = ["getppid", "not_a_syscall"], Action = "SCMP_ACT_ERRNO", ErrnoRet = 123 }],
        });
        var rc = ChildNative.syscall(ChildNative.GetppidNumber);
        var errno = Marshal.GetLastPInvokeError();
        return $"getppid rc={rc} errno={errno}\n" + Status("Seccomp", "NoNewPrivs");
    }

    // The same filter, compiled into the cache by one call and loaded from it by another, as the runtime does.
    public static string SeccompCachedProgram()
    {
        var spec = new SeccompSpec
        {
            DefaultAction = "SCMP_ACT_ALLOW",
            Syscalls = [new SeccompSyscall { Names = ["getppid"], Action = "SCMP_ACT_ERRNO", ErrnoRet = 124 }],
        };
        var dir = Directory.CreateTempSubdirectory("berth-seccomp-cache-").FullName;
        try
        {
            SeccompCache.Get(spec, dir);
            var files = Directory.GetFiles(dir).Length;
            SeccompCache.Get(spec, dir).Load();
            var rc = ChildNative.syscall(ChildNative.GetppidNumber);
            var errno = Marshal.GetLastPInvokeError();
            return $"files {files}\ngetppid rc={rc} errno={errno}\n" + Status("Seccomp", "NoNewPrivs");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    // With TSYNC every thread of the (multi-threaded) .NET process gets the filter. The
    // threads are inspected through /proc: starting one from a module initializer deadlocks.
    public static string SeccompTsync()
    {
        Seccomp.Load(new SeccompSpec
        {
            DefaultAction = "SCMP_ACT_ALLOW",
            Flags = ["SECCOMP_FILTER_FLAG_TSYNC"],
            Syscalls = [new SeccompSyscall { Names = ["getppid"], Action = "SCMP_ACT_ERRNO", ErrnoRet = 77 }],
        });
        var modes = Directory.GetDirectories("/proc/self/task")
            .Select(task => File.ReadAllLines(Path.Combine(task, "status")).Single(l => l.StartsWith("Seccomp:", StringComparison.Ordinal)))
            .ToList();
        return $"threads {modes.Count} filtered {modes.Count(m => m == "Seccomp:\t2")}\n";
    }

    // After dropping to an unprivileged user, without no_new_privs the kernel refuses the filter.
    public static string SeccompUnprivileged()
    {
        ProcessIdentity.Apply(new UserSpec { Uid = 1000, Gid = 1000 }, new CapabilitiesSpec());
        try
        {
            Seccomp.Load(new SeccompSpec { DefaultAction = "SCMP_ACT_ALLOW", Syscalls = [new SeccompSyscall { Names = ["getppid"], Action = "SCMP_ACT_ERRNO" }] });
            return "loaded\n";
        }
        catch (Berth.Linux.Native.SyscallException e)
        {
            return $"refused errno={e.Errno}: {e.Message}\n";
        }
    }

    public static string Identity()
    {
        string[] caps = ["CAP_KILL", "CAP_NET_BIND_SERVICE", "CAP_SYS_RESOURCE"];
        ProcessIdentity.Apply(
            new UserSpec { Uid = 1000, Gid = 1000, AdditionalGids = [1001, 1002], Umask = 0x17 /* 027 */ },
            new CapabilitiesSpec { Bounding = [.. caps], Effective = [.. caps], Permitted = [.. caps], Inheritable = [.. caps], Ambient = [.. caps] });
        return Status("Uid", "Gid", "Groups", "Umask", "CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb");
    }

    public static string Rlimits()
    {
        var before = Current(7);
        var warnings = Berth.Linux.Security.Rlimits.Apply(
        [
            new RlimitSpec { Type = "RLIMIT_NOFILE", Soft = before.Hard + 1000, Hard = before.Hard + 1000 },
            new RlimitSpec { Type = "RLIMIT_CORE", Soft = 0, Hard = 0 },
        ]);
        var text = new StringBuilder();
        text.Append($"nofile before {before.Soft} {before.Hard}\n");
        text.Append($"nofile after {Current(7).Soft} {Current(7).Hard}\n");
        text.Append($"core after {Current(4).Soft} {Current(4).Hard}\n");
        foreach (var warning in warnings)
            text.Append($"warning {warning}\n");
        return text.ToString();
    }

    private static (ulong Soft, ulong Hard) Current(int resource) => RealRlimitSyscalls.Instance.Get(resource);
}
