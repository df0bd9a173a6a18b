using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Berth.Network.Dns;

namespace Berth.Network.Tests.Dns;

// A resolver on 127.0.0.1:<free port> in the test's own namespace, over UDP and TCP, that answers every
// A query with Address and records what it was asked and how.
internal sealed class FakeUpstream : IDisposable
{
    public static readonly IPAddress Address = IPAddress.Parse("192.0.2.44");

    private readonly Socket _udp;
    private readonly Socket _tcp;
    private readonly CancellationTokenSource _stop = new();

    public ConcurrentQueue<(string Name, string Transport)> Asked { get; } = new();
    public IPEndPoint Endpoint { get; }

    public FakeUpstream(DnsResponseCode code = DnsResponseCode.NoError)
    {
        (_udp, _tcp) = BindBoth();
        Endpoint = (IPEndPoint)_udp.LocalEndPoint!;
        _ = ServeUdpAsync(code);
        _ = ServeTcpAsync(code);
    }

    // An endpoint where nothing listens: UDP gets "port unreachable", TCP a refused connection.
    public static IPEndPoint DeadEndpoint()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return (IPEndPoint)socket.LocalEndPoint!;
    }

    private static (Socket, Socket) BindBoth()
    {
        for (var attempt = 0; ; attempt++)
        {
            var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                tcp.Bind(udp.LocalEndPoint!);
                tcp.Listen();
                return (udp, tcp);
            }
            catch (SocketException) when (attempt < 20)
            {
                udp.Dispose();
                tcp.Dispose();
            }
        }
    }

    private byte[] Answer(byte[] query, DnsResponseCode code, string transport)
    {
        var message = DnsMessage.Parse(query);
        Asked.Enqueue((message.Questions[0].Name, transport));
        var answers = code == DnsResponseCode.NoError ? [DnsRecord.ForAddress(message.Questions[0].Name, Address, 30)] : new List<DnsRecord>();
        return DnsMessage.ReplyTo(message, code, answers).Encode();
    }

    private async Task ServeUdpAsync(DnsResponseCode code)
    {
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var got = await _udp.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0), _stop.Token);
                await _udp.SendToAsync(Answer(buffer[..got.ReceivedBytes], code, "udp"), got.RemoteEndPoint, _stop.Token);
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
    }

    private async Task ServeTcpAsync(DnsResponseCode code)
    {
        try
        {
            while (true)
            {
                using var connection = await _tcp.AcceptAsync(_stop.Token);
                await using var stream = new NetworkStream(connection);
                var length = new byte[2];
                await stream.ReadExactlyAsync(length, _stop.Token);
                var query = new byte[length[0] << 8 | length[1]];
                await stream.ReadExactlyAsync(query, _stop.Token);
                var answer = Answer(query, code, "tcp");
                await stream.WriteAsync(new byte[] { (byte)(answer.Length >> 8), (byte)answer.Length }, _stop.Token);
                await stream.WriteAsync(answer, _stop.Token);
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _udp.Dispose();
        _tcp.Dispose();
    }
}
