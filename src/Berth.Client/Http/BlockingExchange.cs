using System.Net.Sockets;

namespace Berth.Client.Http;

// One request on a unix-socket connection of its own, every call blocking the calling thread (see UnixConnection):
// nothing here starts the socket event thread or queues work to the thread pool.
// The answer's head is read before Send returns; the body (or, after an upgrade, the raw stream) is read from
// Connection, which starts with whatever bytes came in along with the head.
internal sealed class BlockingExchange : IDisposable
{
    private BlockingExchange(UnixConnection socket, Stream connection, ResponseHead head)
    {
        Socket = socket;
        Connection = connection;
        Head = head;
    }

    public UnixConnection Socket { get; }

    public Stream Connection { get; }

    public ResponseHead Head { get; }

    // A cancellation before the head is in shuts the socket down, which ends a blocked send or receive.
    public static BlockingExchange Send(DaemonAddress address, byte[] request, CancellationToken cancel)
    {
        cancel.ThrowIfCancellationRequested();
        var socket = UnixConnection.Connect(address);
        try
        {
            ResponseHeadReader.Result read;
            using (cancel.UnsafeRegister(static s => ((UnixConnection)s!).Shutdown(SocketShutdown.Both), socket))
            {
                try
                {
                    socket.Write(request);
                    read = ResponseHeadReader.Read(socket, ResponseHead.MaxLength);
                }
                catch (Exception e) when (e is IOException or ClientException && cancel.IsCancellationRequested)
                {
                    throw new OperationCanceledException(cancel);
                }
            }
            var head = ResponseHead.Parse(read.Head);
            return new BlockingExchange(socket, read.Rest.Length > 0 ? new PrefixedStream(read.Rest, socket) : socket, head);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    // The body, read to its end as the head says (length, chunks or the connection's close).
    public Stream OpenBody() => ResponseBody.Open(Head, Connection);

    public void Dispose()
    {
        Connection.Dispose();
        Socket.Dispose();
    }
}
