using System.Text;

namespace Berth.Client.Hijack;

// Reads the head of a hijack answer (status line and headers, up to the blank line) in chunks rather than a byte
// per read: whatever the same reads brought in past the blank line is already the raw stream (or an error body),
// so it is handed back to be read first.
internal static class ResponseHeadReader
{
    public readonly record struct Result(string Head, byte[] Rest);

    public static async Task<Result> ReadAsync(Stream source, int maxLength, CancellationToken cancel)
    {
        var buffer = new byte[1024];
        var filled = 0;
        while (true)
        {
            if (filled == buffer.Length)
            {
                if (buffer.Length > maxLength) throw new ClientException(0, "the daemon's answer has too long a header");
                Array.Resize(ref buffer, buffer.Length * 2);
            }
            var n = await source.ReadAsync(buffer.AsMemory(filled), cancel).ConfigureAwait(false);
            if (n == 0) throw new ClientException(0, "the daemon closed the connection before answering");
            // A terminator can straddle two reads: look again from up to three bytes before the new ones.
            var from = Math.Max(0, filled - 3);
            filled += n;
            var end = buffer.AsSpan(from, filled - from).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                var headLength = from + end;
                if (headLength > maxLength) throw new ClientException(0, "the daemon's answer has too long a header");
                return new Result(Encoding.ASCII.GetString(buffer, 0, headLength), buffer[(headLength + 4)..filled]);
            }
            if (filled > maxLength) throw new ClientException(0, "the daemon's answer has too long a header");
        }
    }
}
