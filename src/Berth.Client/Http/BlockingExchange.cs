using System.Net.Sockets;

namespace Berth.Client.Http;

// One request on a unix-socket connection of its own, every call blocking the calling thread: a socket used only
// synchronously never starts .NET's socket event thread, and nothing here queues work to the thread pool.
// The answer's head is read before Send returns; the body (or, after an upgrade, the raw stream) is read from
// Connection, which starts with whatever bytes came in along with the head.
internal sealed class BlockingExchange : IDisposable
{
    private BlockingExchange(Socket socket, Stream connection, ResponseHead head)
    {
        Socket = socket;
        Connection = connection;
        Head = head;
    }

    public Socket Socket { get; }

    public Stream Connection { get; }

    public ResponseHead Head { get; }

    // A cancellation before the head is in shuts the socket down, which ends a blocked connect, send or receive.
    public static BlockingExchange Send(DaemonAddress address, byte[] request, CancellationToken cancel)
    {
        cancel.ThrowIfCancellationRequested();
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            using (cancel.UnsafeRegister(static s => ShutDown((Socket)s!), socket))
            {
                try
                {
                    socket.Connect(new UnixDomainSocketEndPoint(address.SocketPath));
                }
                catch (SocketException e)
                {
                    cancel.ThrowIfCancellationRequested();
                    throw new DaemonUnreachableException(address.Host, e);
                }
                var stream = new NetworkStream(socket, ownsSocket: true);
                ResponseHeadReader.Result read;
                try
                {
                    stream.Write(request);
                    read = ResponseHeadReader.Read(stream, ResponseHead.MaxLength);
                }
                catch (Exception e) when (e is IOException or ClientException && cancel.IsCancellationRequested)
                {
                    throw new OperationCanceledException(cancel);
                }
                var head = ResponseHead.Parse(read.Head);
                return new BlockingExchange(socket, read.Rest.Length > 0 ? new PrefixedStream(read.Rest, stream) : stream, head);
            }
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    // The body, read to its end as the head says (length, chunks or the connection's close).
    public Stream OpenBody() => ResponseBody.Open(Head, Connection);

    private static void ShutDown(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Not connected yet or already closed: the blocked call fails or returns on its own.
        }
    }

    public void Dispose()
    {
        Connection.Dispose();
        Socket.Dispose();
    }
}
