using System.Globalization;
using System.Text;

namespace Berth.Client.Http;

// The bytes of an HTTP/1.1 request to the daemon: request line, headers, then the body sized by Content-Length
// (never chunked: every body the client sends is in memory already).
internal static class RequestBuilder
{
    // extraHeaders: whole "Name: value\r\n" lines, written after the content type.
    public static byte[] Build(string method, string pathAndQuery, string userAgent, string? contentType, string extraHeaders, byte[]? body)
    {
        var head = new StringBuilder(256);
        head.Append(CultureInfo.InvariantCulture, $"{method} {pathAndQuery} HTTP/1.1\r\n");
        head.Append("Host: berth\r\n");
        head.Append(CultureInfo.InvariantCulture, $"User-Agent: {userAgent}\r\n");
        if (contentType is not null) head.Append(CultureInfo.InvariantCulture, $"Content-Type: {contentType}\r\n");
        head.Append(extraHeaders);
        head.Append(CultureInfo.InvariantCulture, $"Content-Length: {body?.Length ?? 0}\r\n\r\n");
        var headLength = Encoding.ASCII.GetByteCount(head.ToString());
        var all = new byte[headLength + (body?.Length ?? 0)];
        Encoding.ASCII.GetBytes(head.ToString(), all);
        body?.CopyTo(all, headLength);
        return all;
    }
}
