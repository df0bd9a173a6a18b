using System.Runtime.InteropServices;
using Berth.Linux.Native;

namespace Berth.Linux.Processes;

// Reaps long-lived children of this process (the daemon's shims): one thread waits on all their pidfds with epoll,
// so a thousand children cost a thousand descriptors, not a thousand blocked threads. A pidfd becomes readable
// when its process exits; waitpid(WNOHANG) then collects that child alone, never another of the process's children.
public static unsafe class ChildExitWatcher
{
    private const int EpollCloexec = 0x80000, EpollCtlAdd = 1, EpollIn = 1, WNoHang = 1, EIntr = 4;

    private static readonly Lock Gate = new();
    private static readonly Dictionary<int, (int PidFd, TaskCompletionSource<int> Exit)> Watched = [];
    private static int _epoll = -1;

    // The exit code (shell style) of a child of this process, once it exits.
    public static Task<int> Watch(int pid)
    {
        var exit = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var pidFd = ProcessWaiter.OpenPidFd(pid);
        if (pidFd < 0) throw SyscallException.Last($"watch process {pid}");
        Fd.SetCloseOnExec(pidFd, true);
        lock (Gate)
        {
            if (_epoll < 0)
            {
                _epoll = Libc.epoll_create1(EpollCloexec);
                if (_epoll < 0)
                {
                    Fd.Close(pidFd);
                    throw SyscallException.Last("create epoll");
                }
                new Thread(Loop) { IsBackground = true, Name = "child reaper" }.Start();
            }
            Watched[pid] = (pidFd, exit);
            var ev = new Libc.EpollEvent { Events = EpollIn, Data = (ulong)pid };
            if (Libc.epoll_ctl(_epoll, EpollCtlAdd, pidFd, &ev) != 0)
            {
                Watched.Remove(pid);
                Fd.Close(pidFd);
                throw SyscallException.Last($"watch process {pid}");
            }
        }
        return exit.Task;
    }

    private static void Loop()
    {
        const int Max = 64;
        var events = stackalloc Libc.EpollEvent[Max];
        while (true)
        {
            var n = Libc.epoll_wait(_epoll, events, Max, -1);
            if (n < 0)
            {
                if (Marshal.GetLastPInvokeError() == EIntr) continue;
                return;
            }
            for (var i = 0; i < n; i++) Reap((int)events[i].Data);
        }
    }

    private static void Reap(int pid)
    {
        int status;
        int rc;
        do rc = Libc.waitpid(pid, &status, WNoHang);
        while (rc < 0 && Marshal.GetLastPInvokeError() == EIntr);
        if (rc == 0) return; // not yet a zombie (cannot happen once the pidfd is readable, but harmless)
        (int PidFd, TaskCompletionSource<int> Exit) entry;
        lock (Gate)
        {
            if (!Watched.Remove(pid, out entry)) return;
        }
        // Closing the pidfd also takes it out of the epoll set.
        Fd.Close(entry.PidFd);
        entry.Exit.SetResult(rc == pid ? ProcessWaiter.DecodeStatus(status) : 255);
    }
}
