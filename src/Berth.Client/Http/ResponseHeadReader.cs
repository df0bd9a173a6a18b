using System.Text;

namespace Berth.Client.Http;

// Reads the head of an answer (status line and headers, up to the blank line) in chunks rather than a byte per
// read: whatever the same reads brought in past the blank line is already the body or, after a hijack, the raw
// stream, so it is handed back to be read first. Read blocks the calling thread; ReadAsync is for async callers.
internal static class ResponseHeadReader
{
    public readonly record struct Result(string Head, byte[] Rest);

    public static Result Read(Stream source, int maxLength)
    {
        var scan = new Scan(maxLength);
        while (true)
            if (scan.Add(source.Read(scan.Free().Span)) is { } result) return result;
    }

    public static async Task<Result> ReadAsync(Stream source, int maxLength, CancellationToken cancel)
    {
        var scan = new Scan(maxLength);
        while (true)
            if (scan.Add(await source.ReadAsync(scan.Free(), cancel).ConfigureAwait(false)) is { } result) return result;
    }

    // The bytes read so far and the search for the blank line in them.
    private sealed class Scan(int maxLength)
    {
        private byte[] _buffer = new byte[1024];
        private int _filled;

        public Memory<byte> Free()
        {
            if (_filled == _buffer.Length)
            {
                if (_buffer.Length > maxLength) throw TooLong();
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }
            return _buffer.AsMemory(_filled);
        }

        public Result? Add(int n)
        {
            if (n == 0) throw new ClientException(0, "the daemon closed the connection before answering");
            // A terminator can straddle two reads: look again from up to three bytes before the new ones.
            var from = Math.Max(0, _filled - 3);
            _filled += n;
            var end = _buffer.AsSpan(from, _filled - from).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                var headLength = from + end;
                if (headLength > maxLength) throw TooLong();
                return new Result(Encoding.ASCII.GetString(_buffer, 0, headLength), _buffer[(headLength + 4).._filled]);
            }
            if (_filled > maxLength) throw TooLong();
            return null;
        }

        private static ClientException TooLong() => new(0, "the daemon's answer has too long a header");
    }
}
