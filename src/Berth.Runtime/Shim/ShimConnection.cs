using System.Net.Sockets;
using System.Text;

namespace Berth.Runtime.Shim;

// The line-oriented start of a connection: one JSON request line in, JSON reply lines out.
internal static class ShimConnection
{
    private const int MaxRequestBytes = 4 * 1024 * 1024;

    // Reads byte by byte so that nothing after the line (a client's stdin) is consumed. null if the peer left.
    public static async Task<string?> ReadLineAsync(Socket socket, CancellationToken ct)
    {
        var line = new MemoryStream();
        var one = new byte[1];
        while (true)
        {
            var n = await socket.ReceiveAsync(one, SocketFlags.None, ct);
            if (n == 0) return null;
            if (one[0] == (byte)'\n') return Encoding.UTF8.GetString(line.GetBuffer(), 0, (int)line.Length);
            if (line.Length >= MaxRequestBytes) throw new RuntimeException("request line too long");
            line.WriteByte(one[0]);
        }
    }

    // json: one JSON value (ShimWire's), sent as a line.
    public static void Send(Socket socket, byte[] bytes)
    {
        var line = new byte[bytes.Length + 1];
        bytes.CopyTo(line, 0);
        line[^1] = (byte)'\n';
        lock (socket) socket.Send(line);
    }

    public static void SendFrame(Socket socket, byte stream, ReadOnlySpan<byte> payload)
    {
        var frame = StreamFrames.Frame(stream, payload);
        lock (socket) socket.Send(frame);
    }

    public static void Close(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
        socket.Dispose();
    }
}
