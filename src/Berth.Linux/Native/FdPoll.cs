namespace Berth.Linux.Native;

// poll(2) over several fds, for a thread that serves more than one of them.
public static unsafe class FdPoll
{
    private const short PollIn = 0x1;

    // Blocks until at least one fd is readable, or has hung up or failed (a read then sees EOF or the error), or
    // until timeoutMs has passed (-1: no limit); sets ready[i] for each such fd. A negative fd is skipped. False
    // when the time ran out first.
    public static bool WaitReadable(ReadOnlySpan<int> fds, Span<bool> ready, int timeoutMs = -1)
    {
        var pfds = stackalloc Libc.PollFd[fds.Length];
        for (var i = 0; i < fds.Length; i++) pfds[i] = new Libc.PollFd { Fd = fds[i], Events = PollIn };
        int n;
        while ((n = Libc.poll(pfds, (nuint)fds.Length, timeoutMs)) < 0)
        {
            if (System.Runtime.InteropServices.Marshal.GetLastPInvokeError() != 4) throw SyscallException.Last("poll");
        }
        for (var i = 0; i < fds.Length; i++) ready[i] = pfds[i].REvents != 0;
        return n > 0;
    }
}
