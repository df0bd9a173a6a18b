using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Berth.Client.Hijack;

// A connection the daemon has handed over to a raw stream: reads are the container's output (framed unless it has
// a TTY), writes its stdin; CloseWrite half-closes the socket, which the daemon takes as stdin's end.
public sealed class HijackedConnection : IDisposable
{
    private readonly Socket _socket;

    private HijackedConnection(Socket socket, byte[] alreadyRead)
    {
        _socket = socket;
        var stream = new NetworkStream(socket, ownsSocket: false);
        Stream = alreadyRead.Length > 0 ? new PrefixedStream(alreadyRead, stream) : stream;
    }

    public Stream Stream { get; }

    public static async Task<HijackedConnection> OpenAsync(DaemonAddress address, byte[] request, CancellationToken cancel)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(address.SocketPath), cancel).ConfigureAwait(false);
            }
            catch (SocketException e)
            {
                throw new DaemonUnreachableException(address.Host, e);
            }
            await socket.SendAsync(request, SocketFlags.None, cancel).ConfigureAwait(false);
            var read = await ResponseHeadReader.ReadAsync(new NetworkStream(socket, ownsSocket: false), HijackResponseHead.MaxLength, cancel)
                .ConfigureAwait(false);
            var head = HijackResponseHead.Parse(read.Head);
            if (head.Status is 101 or 200)
                return new HijackedConnection(socket, read.Rest);
            var body = await ReadBodyAsync(new PrefixedStream(read.Rest, new NetworkStream(socket, ownsSocket: false)), head, cancel)
                .ConfigureAwait(false);
            throw ErrorMapping.FromBody(head.Status, body);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task<string> ReadBodyAsync(Stream stream, HijackResponseHead head, CancellationToken cancel)
    {
        using var buffer = new MemoryStream();
        if (head.Header("Content-Length") is { } lengthText && int.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            var bytes = new byte[Math.Min(length, HijackResponseHead.MaxLength)];
            await stream.ReadAtLeastAsync(bytes, bytes.Length, throwOnEndOfStream: false, cancel).ConfigureAwait(false);
            return Encoding.UTF8.GetString(bytes);
        }
        if (string.Equals(head.Header("Transfer-Encoding"), "chunked", StringComparison.OrdinalIgnoreCase))
            return await ReadChunkedAsync(stream, cancel).ConfigureAwait(false);
        await stream.CopyToAsync(buffer, cancel).ConfigureAwait(false);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static async Task<string> ReadChunkedAsync(Stream stream, CancellationToken cancel)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, false, 4096, leaveOpen: true);
        var body = new StringBuilder();
        while (await reader.ReadLineAsync(cancel).ConfigureAwait(false) is { } sizeLine)
        {
            if (!int.TryParse(sizeLine.Split(';')[0].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var size) || size == 0)
                break;
            var chunk = new char[size];
            var read = await reader.ReadBlockAsync(chunk, cancel).ConfigureAwait(false);
            body.Append(chunk, 0, read);
            await reader.ReadLineAsync(cancel).ConfigureAwait(false);
            if (body.Length > HijackResponseHead.MaxLength) break;
        }
        return body.ToString();
    }

    public void CloseWrite()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
            // The daemon has already closed its end: there is nobody left to tell.
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public void Dispose()
    {
        Stream.Dispose();
        _socket.Dispose();
    }
}
