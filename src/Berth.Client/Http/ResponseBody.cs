using System.Globalization;
using System.Text;

namespace Berth.Client.Http;

// Where an answer's body ends (RFC 9112 section 6.3) and reading it whole.
internal static class ResponseBody
{
    // connection: the connection's stream positioned after the head; the body stream owns it.
    public static Stream Open(ResponseHead head, Stream connection)
    {
        if (head.Status is < 200 or 204 or 304)
            return new ContentLengthBodyStream(connection, 0);
        if (head.Header("Transfer-Encoding") is { } coding)
        {
            if (!coding.Equals("chunked", StringComparison.OrdinalIgnoreCase))
                throw new ClientException(0, $"the daemon's answer has a transfer coding the client does not read: {coding}");
            return new ChunkedBodyStream(connection);
        }
        if (head.Header("Content-Length") is { } lengthText)
        {
            if (!long.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
                throw new ClientException(0, $"the daemon's answer has an unreadable Content-Length: {lengthText}");
            return new ContentLengthBodyStream(connection, length);
        }
        return new CloseDelimitedBodyStream(connection);
    }

    // The whole body; one longer than maxLength is an error rather than a reason to hold any amount in memory.
    public static byte[] ReadAll(Stream body, int maxLength)
    {
        var buffer = new byte[Math.Min(4096, maxLength + 1)];
        var filled = 0;
        while (true)
        {
            if (filled == buffer.Length)
            {
                if (filled > maxLength) throw new IOException($"the daemon's answer is longer than {maxLength} bytes");
                Array.Resize(ref buffer, Math.Min(buffer.Length * 2, maxLength + 1));
            }
            var n = body.Read(buffer.AsSpan(filled));
            if (n == 0) return buffer[..filled];
            filled += n;
        }
    }

    // An error body as text, cut at maxLength: the message is in its first bytes.
    public static string ReadText(Stream body, int maxLength)
    {
        var buffer = new byte[maxLength];
        var filled = 0;
        int n;
        while (filled < buffer.Length && (n = body.Read(buffer.AsSpan(filled))) > 0) filled += n;
        return Encoding.UTF8.GetString(buffer, 0, filled);
    }
}
