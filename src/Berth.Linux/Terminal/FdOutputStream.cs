using Berth.Linux.Native;

namespace Berth.Linux.Terminal;

// A write-only stream straight onto a file descriptor (the process's stdout or stderr). .NET's console stream
// initialises the terminal on its first write when the descriptor is one, which sends keypad-mode escapes
// (ESC[?1h ESC=) that docker never prints and that change how the user's terminal sends cursor keys. Like that
// stream, a reader that went away (EPIPE, e.g. `berth ps | head -1`) silently ends the output.
public sealed class FdOutputStream(int fd) : Stream
{
    private const int Epipe = 32;
    private bool _broken;

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_broken) return;
        try
        {
            Fd.WriteAll(fd, buffer);
        }
        catch (SyscallException e) when (e.Errno == Epipe)
        {
            _broken = true;
        }
        catch (SyscallException e)
        {
            throw new IOException(e.Message, e);
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
