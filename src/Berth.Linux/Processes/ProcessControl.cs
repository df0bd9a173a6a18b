using System.Runtime.InteropServices;
using System.Text;
using Berth.Linux.Native;

namespace Berth.Linux.Processes;

// Per-process settings and the final execve of a container process.
public static unsafe class ProcessControl
{
    private const int PrSetNoNewPrivs = 38, SigSetMask = 2;

    // false if the process is gone (ESRCH).
    public static bool Kill(int pid, int signal)
    {
        if (Libc.kill(pid, signal) == 0) return true;
        var errno = Marshal.GetLastPInvokeError();
        return errno == 3 ? false : throw new SyscallException($"send {Signals.Name(signal)} to process {pid}", errno);
    }

    public static void SetNoNewPrivileges() => SyscallException.Check(Libc.prctl(PrSetNoNewPrivs, 1, 0, 0, 0), "set no_new_privs");

    // Tries to become a session leader; false if already one.
    public static bool NewSession() => Libc.setsid() >= 0;

    // The nice value of every thread of every process in a process group (0: the caller's own group).
    public static void SetGroupPriority(int processGroup, int nice) =>
        SyscallException.Check(Libc.setpriority(1 /* PRIO_PGRP */, processGroup, nice), $"set the priority of process group {processGroup}");

    public static void SetHostname(string name) => SyscallException.Check(Libc.sethostname(name, (nuint)Encoding.UTF8.GetByteCount(name)), $"set hostname \"{name}\"");

    public static void SetDomainname(string name) => SyscallException.Check(Libc.setdomainname(name, (nuint)Encoding.UTF8.GetByteCount(name)), $"set domainname \"{name}\"");

    public static void ChangeDirectory(string path) => SyscallException.Check(Libc.chdir(path), $"chdir to {path}");

    public static int CurrentPid => Libc.getpid();

    // Replaces this process with the program. Signals .NET set to "ignore" (SIGPIPE) would survive execve, and
    // the container process must start with default dispositions and nothing blocked. argv and envp are
    // marshalled by the caller beforehand, so nothing here allocates after a seccomp filter is in place.
    public static void Exec(byte[] path, CStringArray argv, CStringArray envp)
    {
        var act = default(Libc.KernelSigaction);
        for (var sig = 1; sig < 65; sig++)
        {
            if (sig is 9 or 19 or 32 or 33) continue; // KILL, STOP, and glibc's two internal signals
            Libc.sigaction(sig, &act, null);
        }
        ulong empty = 0;
        Libc.sigprocmask(SigSetMask, &empty, null);
        fixed (byte* p = path)
        {
            Libc.execve(p, argv.Pointer, envp.Pointer);
        }
        throw SyscallException.Last($"exec {Encoding.UTF8.GetString(path, 0, path.Length - 1)}");
    }
}
