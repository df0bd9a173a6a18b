using System.Net;
using System.Net.Sockets;

namespace Berth.Network.Dns;

// One container's view of the embedded server: the UDP and TCP sockets bound at 127.0.0.11:53 in its
// namespace, their receive loops, and the TCP connections in progress. Dispose closes all of them.
internal sealed class NamespaceDnsListener : IDisposable
{
    // Queries are small; a datagram longer than this is not a query anyone sends.
    private const int MaxUdpQuery = 4096;

    private readonly EmbeddedDnsServer _server;
    private readonly string _netnsPath;
    private readonly IDnsScope _scope;
    private readonly IReadOnlyList<IPEndPoint>? _upstreams;
    private readonly Socket _udp;
    private readonly Socket _tcp;
    private readonly CancellationTokenSource _closing = new();
    private readonly HashSet<Socket> _connections = [];
    private readonly Lock _lock = new();
    private bool _closed;

    public NamespaceDnsListener(EmbeddedDnsServer server, string netnsPath, IDnsScope scope, IReadOnlyList<IPEndPoint>? upstreams, Socket udp, Socket tcp)
    {
        _server = server;
        _netnsPath = netnsPath;
        _scope = scope;
        _upstreams = upstreams;
        _udp = udp;
        _tcp = tcp;
    }

    public void Start()
    {
        _ = ReceiveUdpAsync();
        _ = AcceptTcpAsync();
    }

    public void Dispose()
    {
        _server.Remove(this);
        Close();
    }

    public void Close()
    {
        List<Socket> connections;
        lock (_lock)
        {
            if (_closed) return;
            _closed = true;
            connections = [.. _connections];
            _connections.Clear();
        }
        _closing.Cancel();
        _udp.Dispose();
        _tcp.Dispose();
        foreach (var connection in connections) connection.Dispose();
    }

    private async Task ReceiveUdpAsync()
    {
        var buffer = new byte[MaxUdpQuery];
        EndPoint any = new IPEndPoint(_server.Options.ListenEndpoint.AddressFamily == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, 0);
        while (true)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _udp.ReceiveFromAsync(buffer, SocketFlags.None, any, _closing.Token);
            }
            catch (Exception e) when (IsClosing(e))
            {
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize)
            {
                continue;
            }
            catch (Exception e)
            {
                Log($"DNS in {_netnsPath}: UDP receive failed, no longer answering over UDP: {e.Message}");
                return;
            }
            _ = AnswerUdpAsync(buffer.AsSpan(0, received.ReceivedBytes).ToArray(), received.RemoteEndPoint);
        }
    }

    private async Task AnswerUdpAsync(byte[] query, EndPoint client)
    {
        try
        {
            var answer = await AnswerAsync(query, overTcp: false);
            if (answer is not null) await _udp.SendToAsync(answer, SocketFlags.None, client, _closing.Token);
        }
        catch (Exception e) when (IsClosing(e) || e is SocketException)
        {
            // the container went away or the client's port is gone: nobody to tell
        }
        catch (Exception e)
        {
            Log($"DNS in {_netnsPath}: {e.Message}");
        }
    }

    private async Task AcceptTcpAsync()
    {
        while (true)
        {
            Socket connection;
            try
            {
                connection = await _tcp.AcceptAsync(_closing.Token);
            }
            catch (Exception e) when (IsClosing(e))
            {
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionAborted or SocketError.ConnectionReset)
            {
                continue;
            }
            catch (Exception e)
            {
                Log($"DNS in {_netnsPath}: TCP accept failed, no longer answering over TCP: {e.Message}");
                return;
            }
            bool accepted;
            lock (_lock)
            {
                accepted = !_closed && _connections.Count < _server.Options.MaxTcpConnectionsPerNamespace;
                if (accepted) _connections.Add(connection);
            }
            if (accepted) _ = ServeConnectionAsync(connection);
            else connection.Dispose();
        }
    }

    // Answers the queries of one connection in order until the client closes it or stays idle too long.
    private async Task ServeConnectionAsync(Socket connection)
    {
        try
        {
            await using var stream = new NetworkStream(connection, ownsSocket: false);
            while (true)
            {
                byte[]? query;
                using (var idle = CancellationTokenSource.CreateLinkedTokenSource(_closing.Token))
                {
                    idle.CancelAfter(_server.Options.TcpIdleTimeout);
                    query = await DnsTcpFraming.ReadAsync(stream, idle.Token);
                }
                if (query is null) return;
                var answer = await AnswerAsync(query, overTcp: true);
                if (answer is not null) await DnsTcpFraming.WriteAsync(stream, answer, _closing.Token);
            }
        }
        catch (Exception e) when (IsClosing(e) || e is IOException or SocketException or OperationCanceledException)
        {
            // closed by either side, idle too long, or the container went away
        }
        catch (Exception e)
        {
            Log($"DNS in {_netnsPath}: {e.Message}");
        }
        finally
        {
            lock (_lock) _connections.Remove(connection);
            connection.Dispose();
        }
    }

    // The reply to one query, or null when nothing should be sent (a response, not a query).
    private async Task<byte[]?> AnswerAsync(byte[] query, bool overTcp)
    {
        var limit = overTcp ? ushort.MaxValue : DnsMessage.MaxUdpLength;
        DnsMessage message;
        try
        {
            message = DnsMessage.Parse(query);
        }
        catch (DnsFormatException)
        {
            return DnsMessage.ReplyToUnparsable(query, DnsResponseCode.FormatError);
        }
        if (message.IsResponse) return null;
        if (message.Opcode != 0) return DnsMessage.ReplyTo(message, DnsResponseCode.NotImplemented).Encode(limit);
        if (message.Questions.Count != 1) return DnsMessage.ReplyTo(message, DnsResponseCode.FormatError).Encode(limit);

        DnsMessage? local;
        try
        {
            local = LocalAnswers.TryAnswer(message, _scope);
        }
        catch (Exception e)
        {
            Log($"DNS in {_netnsPath}: looking up {message.Questions[0].Name} failed: {e.Message}");
            return DnsMessage.ReplyTo(message, DnsResponseCode.ServerFailure).Encode(limit);
        }
        if (local is not null) return local.Encode(limit);

        var upstreams = _upstreams ?? _server.Upstreams;
        byte[]? forwarded = null;
        if (upstreams.Count > 0 && _server.TryBeginForward())
        {
            try
            {
                var timeout = _server.Options.UpstreamTimeout;
                forwarded = overTcp
                    ? await UpstreamForwarder.ForwardTcpAsync(query, upstreams, timeout, _closing.Token)
                    : await UpstreamForwarder.ForwardUdpAsync(query, upstreams, timeout, _closing.Token);
            }
            finally
            {
                _server.EndForward();
            }
        }
        return forwarded ?? DnsMessage.ReplyTo(message, DnsResponseCode.ServerFailure).Encode(limit);
    }

    private bool IsClosing(Exception e) =>
        _closed && e is OperationCanceledException or ObjectDisposedException or SocketException or IOException;

    private void Log(string message) => _server.Options.Log?.Invoke(message);
}
