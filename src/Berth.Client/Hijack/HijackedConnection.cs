using System.Net.Sockets;
using Berth.Client.Http;

namespace Berth.Client.Hijack;

// A connection the daemon has handed over to a raw stream: reads are the container's output (framed unless it has
// a TTY), writes its stdin; CloseWrite half-closes the socket, which the daemon takes as stdin's end.
public sealed class HijackedConnection : IDisposable
{
    private const int MaxErrorLength = 64 * 1024;
    private readonly Action<SocketShutdown> _shutdown;
    private readonly IDisposable _socket;

    private HijackedConnection(Socket socket, Stream stream)
        : this(socket.Shutdown, socket, stream)
    {
    }

    private HijackedConnection(Action<SocketShutdown> shutdown, IDisposable socket, Stream stream)
    {
        _shutdown = shutdown;
        _socket = socket;
        Stream = stream;
    }

    public Stream Stream { get; }

    // Connects, asks and reads the answer's head with blocking calls on the calling thread (see BlockingExchange);
    // the stream's reads and writes block too.
    public static HijackedConnection Open(DaemonAddress address, byte[] request, CancellationToken cancel)
    {
        var exchange = BlockingExchange.Send(address, request, cancel);
        if (exchange.Head.Status is 101 or 200)
            return new HijackedConnection(exchange.Socket.Shutdown, exchange.Socket, exchange.Connection);
        using (exchange)
            throw ErrorMapping.FromBody(exchange.Head.Status, ResponseBody.ReadText(exchange.OpenBody(), MaxErrorLength));
    }

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
            var stream = new NetworkStream(socket, ownsSocket: false);
            var read = await ResponseHeadReader.ReadAsync(stream, ResponseHead.MaxLength, cancel).ConfigureAwait(false);
            var head = ResponseHead.Parse(read.Head);
            var connection = read.Rest.Length > 0 ? new PrefixedStream(read.Rest, stream) : (Stream)stream;
            if (head.Status is 101 or 200)
                return new HijackedConnection(socket, connection);
            // An error answer is short and complete: read on this thread.
            throw ErrorMapping.FromBody(head.Status, ResponseBody.ReadText(ResponseBody.Open(head, connection), MaxErrorLength));
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void CloseWrite()
    {
        try
        {
            _shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
            // The daemon has already closed its end: there is nobody left to tell.
        }
        catch (ObjectDisposedException)
        {
        }
    }

    // Ends the session from another thread: a read blocked on the connection returns.
    public void Abort()
    {
        try
        {
            _shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already closed: nothing is blocked on it.
        }
    }

    public void Dispose()
    {
        Stream.Dispose();
        _socket.Dispose();
    }
}
