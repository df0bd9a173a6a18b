using Berth.Linux.Native;

namespace Berth.Linux.Processes;

// Waiting for processes: our own children by waitpid, any process by pidfd.
public static unsafe class ProcessWaiter
{
    private const long SysPidfdOpen = 434;

    // Blocks until the child exits; returns its exit status the way a shell reports it (code, or 128+signal).
    public static int WaitExit(int pid)
    {
        int status;
        while (true)
        {
            var rc = Libc.waitpid(pid, &status, 0);
            if (rc == pid) return DecodeStatus(status);
            if (rc < 0 && System.Runtime.InteropServices.Marshal.GetLastPInvokeError() == 4) continue; // EINTR
            throw SyscallException.Last($"wait for process {pid}");
        }
    }

    public static int DecodeStatus(int status)
    {
        var signal = status & 0x7f;
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal;
    }

    // pidfd_open(2): a descriptor that becomes readable when the process exits; -1 with errno set on failure.
    internal static int OpenPidFd(int pid) => (int)Libc.syscall(SysPidfdOpen, pid, 0, 0, 0, 0);

    // Waits for any process (not only a child) to end, up to a timeout; true if it ended.
    public static bool WaitGone(int pid, TimeSpan timeout)
    {
        var fd = OpenPidFd(pid);
        if (fd < 0) return !ProcessInfo.Exists(pid);
        try
        {
            var pfd = new Libc.PollFd { Fd = fd, Events = 1 };
            var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
            while (true)
            {
                var left = (int)Math.Max(0, deadline - Environment.TickCount64);
                var rc = Libc.poll(&pfd, 1, left);
                if (rc > 0) return true;
                if (rc == 0) return false;
                if (System.Runtime.InteropServices.Marshal.GetLastPInvokeError() != 4) return !ProcessInfo.Exists(pid);
            }
        }
        finally
        {
            Libc.close(fd);
        }
    }
}
