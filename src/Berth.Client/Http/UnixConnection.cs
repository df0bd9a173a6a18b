using System.Net.Sockets;
using Berth.Linux;
using Berth.Linux.Native;
using Berth.Linux.Terminal;

namespace Berth.Client.Http;

// A connected unix socket read and written with plain blocking syscalls. Not System.Net.Sockets.Socket: its first
// use in a process starts .NET's socket event thread (an epoll loop) even when every call is synchronous.
internal sealed class UnixConnection : ConnectionStream
{
    private int _fd;

    private UnixConnection(int fd) => _fd = fd;

    // Unreachable (nothing listens, no such socket, no permission): DaemonUnreachableException with the host's name.
    public static UnixConnection Connect(DaemonAddress address)
    {
        try
        {
            return new UnixConnection(FdPassing.ConnectUnix(address.SocketPath));
        }
        catch (Exception e) when (e is SyscallException or LinuxException)
        {
            throw new DaemonUnreachableException(address.Host, e);
        }
    }

    public override int Read(Span<byte> buffer)
    {
        try
        {
            return Fd.Read(Descriptor, buffer);
        }
        catch (SyscallException e)
        {
            throw new IOException($"reading from the daemon: {e.Message}", e);
        }
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        try
        {
            Fd.WriteAll(Descriptor, buffer);
        }
        catch (SyscallException e)
        {
            throw new IOException($"writing to the daemon: {e.Message}", e);
        }
    }

    // Wakes a read blocked on another thread (Both) or tells the daemon the input has ended (Send). Rare, so it may
    // borrow a Socket for the one call.
    public void Shutdown(SocketShutdown how)
    {
        var fd = _fd;
        if (fd < 0) return;
        try
        {
            using var socket = new Socket(new SafeSocketHandle(fd, ownsHandle: false));
            socket.Shutdown(how);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Not connected any more: nothing is left to wake or tell.
        }
    }

    private int Descriptor => _fd >= 0 ? _fd : throw new ObjectDisposedException(nameof(UnixConnection));

    // Async callers get the same blocking calls: nothing here may reach the thread pool.
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancel = default) =>
        cancel.IsCancellationRequested ? ValueTask.FromCanceled<int>(cancel) : ValueTask.FromResult(Read(buffer.Span));

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancel = default)
    {
        if (cancel.IsCancellationRequested) return ValueTask.FromCanceled(cancel);
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Flush() { }

    public override Task FlushAsync(CancellationToken cancel) => Task.CompletedTask;

    protected override void Dispose(bool disposing)
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0) Fd.Close(fd);
        base.Dispose(disposing);
    }
}
