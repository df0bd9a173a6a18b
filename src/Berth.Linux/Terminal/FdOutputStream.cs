using System.Runtime.InteropServices;
using Berth.Linux.Native;

namespace Berth.Linux.Terminal;

// A write-only stream straight onto a file descriptor (the process's stdout or stderr). .NET's console stream
// initialises the terminal on its first write when the descriptor is one, which sends keypad-mode escapes
// (ESC[?1h ESC=) that docker never prints and that change how the user's terminal sends cursor keys. Like that
// stream, a reader that went away (EPIPE, e.g. `berth ps | head -1`) silently ends the output.
public sealed unsafe class FdOutputStream(int fd) : Stream
{
    private const int Epipe = 32;
    private const int Eintr = 4;
    private bool _broken;

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        fixed (byte* p = buffer)
        {
            var off = 0;
            while (off < buffer.Length && !_broken)
            {
                var n = Libc.write(fd, p + off, (nuint)(buffer.Length - off));
                if (n >= 0)
                {
                    off += (int)n;
                    continue;
                }
                var errno = Marshal.GetLastPInvokeError();
                if (errno == Eintr) continue;
                if (errno == Epipe)
                {
                    _broken = true;
                    return;
                }
                throw new IOException(new SyscallException($"write to fd {fd}", errno).Message);
            }
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
