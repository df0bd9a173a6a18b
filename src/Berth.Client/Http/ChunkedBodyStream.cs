using System.Buffers.Text;

namespace Berth.Client.Http;

// A body in HTTP/1.1 chunked transfer coding ("size in hex CRLF, data CRLF", until a zero size and the trailer),
// handed out as the data alone. Chunk data larger than the buffer is read straight into the caller's buffer.
internal sealed class ChunkedBodyStream(Stream connection) : BodyStream
{
    private const int MaxLineLength = 4096;
    private readonly byte[] _buffer = new byte[MaxLineLength];
    private int _start;
    private int _end;
    private long _chunkLeft;
    private bool _inChunk;
    private bool _done;

    public override int Read(Span<byte> buffer)
    {
        if (_done || buffer.Length == 0) return 0;
        if (!_inChunk)
        {
            var size = ChunkSize(ReadLine());
            if (size == 0)
            {
                // The trailer: header lines up to an empty one, of no interest here.
                while (!ReadLine().IsEmpty) { }
                _done = true;
                return 0;
            }
            _chunkLeft = size;
            _inChunk = true;
        }
        var want = (int)Math.Min(buffer.Length, _chunkLeft);
        int n;
        if (_end > _start)
        {
            n = Math.Min(want, _end - _start);
            _buffer.AsSpan(_start, n).CopyTo(buffer);
            _start += n;
        }
        else
        {
            n = connection.Read(buffer[..want]);
            if (n == 0) throw new IOException("the daemon's answer ended inside a chunk");
        }
        _chunkLeft -= n;
        if (_chunkLeft == 0)
        {
            if (!ReadLine().IsEmpty) throw new IOException("the daemon's answer has a chunk longer than its size");
            _inChunk = false;
        }
        return n;
    }

    private static long ChunkSize(ReadOnlySpan<byte> line)
    {
        // Chunk extensions (";name=value") are allowed and ignored.
        var semicolon = line.IndexOf((byte)';');
        var digits = (semicolon >= 0 ? line[..semicolon] : line).Trim((byte)' ');
        if (digits.IsEmpty || digits.Length > 15 || !Utf8Parser.TryParse(digits, out long size, out var used, 'X') || used != digits.Length)
            throw new IOException("the daemon's answer has an unreadable chunk size");
        return size;
    }

    // The next line without its CRLF; valid until the next read.
    private ReadOnlySpan<byte> ReadLine()
    {
        while (true)
        {
            var end = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n"u8);
            if (end >= 0)
            {
                var line = _buffer.AsSpan(_start, end);
                _start += end + 2;
                return line;
            }
            if (_start > 0)
            {
                _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                _end -= _start;
                _start = 0;
            }
            if (_end == _buffer.Length) throw new IOException("the daemon's answer has too long a chunk header");
            var n = connection.Read(_buffer.AsSpan(_end));
            if (n == 0) throw new IOException("the daemon's answer ended inside a chunk header");
            _end += n;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) connection.Dispose();
        base.Dispose(disposing);
    }
}
