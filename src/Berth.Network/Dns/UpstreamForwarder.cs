using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Berth.Network.Dns;

// Sends a query the scope could not answer to the upstream resolvers, in order, and returns the first usable
// answer as raw bytes (relayed unchanged, so EDNS and DNSSEC data pass through). The sockets are made on the
// calling pool thread, so they live in the daemon's network namespace, where the host's resolvers are.
internal static class UpstreamForwarder
{
    private const int MaxUdpResponse = 65535;

    // UDP to each upstream in turn; a timeout, refusal or SERVFAIL/REFUSED answer moves on to the next.
    public static async Task<byte[]?> ForwardUdpAsync(byte[] query, IReadOnlyList<IPEndPoint> upstreams, TimeSpan timeout, CancellationToken cancel)
    {
        var id = BinaryPrimitives.ReadUInt16BigEndian(query);
        var buffer = ArrayPool<byte>.Shared.Rent(MaxUdpResponse);
        try
        {
            foreach (var upstream in upstreams)
            {
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
                deadline.CancelAfter(timeout);
                try
                {
                    using var socket = new Socket(upstream.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
                    // Connected: the kernel drops datagrams from anyone but the upstream, and reports its ICMP
                    // "port unreachable" as a refused receive, so a dead upstream is skipped at once.
                    socket.Connect(upstream);
                    await socket.SendAsync(query, SocketFlags.None, deadline.Token);
                    while (true)
                    {
                        var length = await socket.ReceiveAsync(buffer.AsMemory(0, MaxUdpResponse), SocketFlags.None, deadline.Token);
                        var answer = buffer.AsSpan(0, length);
                        if (!IsResponseTo(answer, id)) continue; // a late answer to an earlier query on a reused port
                        if (IsServerRefusal(answer)) break;
                        return answer.ToArray();
                    }
                }
                catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
                {
                    // timed out: try the next upstream
                }
                catch (SocketException)
                {
                    // unreachable or refused: try the next upstream
                }
            }
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // TCP for queries that came over TCP (the client wants the whole answer, not a truncated one).
    public static async Task<byte[]?> ForwardTcpAsync(byte[] query, IReadOnlyList<IPEndPoint> upstreams, TimeSpan timeout, CancellationToken cancel)
    {
        var id = BinaryPrimitives.ReadUInt16BigEndian(query);
        foreach (var upstream in upstreams)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            deadline.CancelAfter(timeout);
            try
            {
                using var socket = new Socket(upstream.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(upstream, deadline.Token);
                await using var stream = new NetworkStream(socket, ownsSocket: false);
                await DnsTcpFraming.WriteAsync(stream, query, deadline.Token);
                var answer = await DnsTcpFraming.ReadAsync(stream, deadline.Token);
                if (answer is null || !IsResponseTo(answer, id) || IsServerRefusal(answer)) continue;
                return answer;
            }
            catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
            {
            }
            catch (Exception e) when (e is SocketException or IOException)
            {
            }
        }
        return null;
    }

    private static bool IsResponseTo(ReadOnlySpan<byte> answer, ushort id) =>
        answer.Length >= DnsMessage.HeaderLength && BinaryPrimitives.ReadUInt16BigEndian(answer) == id && (answer[2] & 0x80) != 0;

    // Another upstream may do better than one that failed or refused, as Docker's resolver assumes too.
    private static bool IsServerRefusal(ReadOnlySpan<byte> answer) =>
        (DnsResponseCode)(answer[3] & 0xF) is DnsResponseCode.ServerFailure or DnsResponseCode.Refused;
}
