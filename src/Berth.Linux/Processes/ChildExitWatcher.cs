using System.Runtime.InteropServices;
using Berth.Linux.Native;
using Berth.Linux.Processes;

namespace Berth.Runtime.Shim;

// Reaps the shims this process spawned: one thread waits on all their pidfds with epoll, so a thousand running
// shims cost a thousand descriptors, not a thousand blocked threads. A pidfd becomes readable when its process
// exits; waitpid(WNOHANG) then collects that child alone, never another part of the daemon's children.
internal static unsafe partial class ShimExitWatcher
{
    private const long SysPidfdOpen = 434;
    private const int EpollCloexec = 0x80000, EpollCtlAdd = 1, EpollIn = 1, WNoHang = 1, EIntr = 4;

    private static readonly Lock Gate = new();
    private static readonly Dictionary<int, (int PidFd, TaskCompletionSource<int> Exit)> Watched = [];
    private static int _epoll = -1;

    // The exit code (shell style) of a child of this process, once it exits.
    public static Task<int> Watch(int pid)
    {
        var exit = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var pidFd = (int)syscall(SysPidfdOpen, pid, 0, 0, 0, 0);
        if (pidFd < 0) throw SyscallException.Last($"watch shim {pid}");
        Fd.SetCloseOnExec(pidFd, true);
        lock (Gate)
        {
            if (_epoll < 0)
            {
                _epoll = epoll_create1(EpollCloexec);
                if (_epoll < 0)
                {
                    Fd.Close(pidFd);
                    throw SyscallException.Last("create epoll");
                }
                new Thread(Loop) { IsBackground = true, Name = "shim reaper" }.Start();
            }
            Watched[pid] = (pidFd, exit);
            var ev = new EpollEvent { Events = EpollIn, Data = (ulong)pid };
            if (epoll_ctl(_epoll, EpollCtlAdd, pidFd, &ev) != 0)
            {
                Watched.Remove(pid);
                Fd.Close(pidFd);
                throw SyscallException.Last($"watch shim {pid}");
            }
        }
        return exit.Task;
    }

    private static void Loop()
    {
        const int Max = 64;
        var events = stackalloc EpollEvent[Max];
        while (true)
        {
            var n = epoll_wait(_epoll, events, Max, -1);
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
        do rc = waitpid(pid, &status, WNoHang);
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

    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private struct EpollEvent
    {
        public uint Events;
        public ulong Data;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial long syscall(long number, long a1, long a2, long a3, long a4, long a5);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int epoll_create1(int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int epoll_ctl(int epfd, int op, int fd, EpollEvent* ev);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int epoll_wait(int epfd, EpollEvent* events, int maxEvents, int timeout);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int waitpid(int pid, int* status, int options);
}
