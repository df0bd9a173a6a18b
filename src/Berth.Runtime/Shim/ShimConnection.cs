using System.Net.Sockets;
using System.Text;

namespace Berth.Runtime.Shim;

// The line-oriented start of a connection, on both ends: one JSON request line in, JSON reply lines out.
internal static class ShimConnection
{
    private const int MaxLineBytes = 4 * 1024 * 1024;

    // Peeks at what has arrived and takes only up to the newline, so that nothing after the line (a client's
    // stdin, the frames after a reply) is consumed: two syscalls for a line that came in one piece, not one per
    // byte. null if the peer left.
    public static async Task<string?> ReadLineAsync(Socket socket, CancellationToken ct)
    {
        var line = new MemoryStream();
        var buffer = new byte[4096];
        while (true)
        {
            var n = await socket.ReceiveAsync(buffer, SocketFlags.Peek, ct);
            if (n == 0) return null;
            var end = Array.IndexOf(buffer, (byte)'\n', 0, n);
            var take = end < 0 ? n : end + 1;
            var got = await socket.ReceiveAsync(buffer.AsMemory(0, take), SocketFlags.None, ct);
            line.Write(buffer, 0, end < 0 ? got : Math.Min(got, end));
            if (end >= 0 && got == take) return Encoding.UTF8.GetString(line.GetBuffer(), 0, (int)line.Length);
            if (line.Length >= MaxLineBytes) throw new RuntimeException("line too long");
        }
    }

    // bytes: one JSON value (ShimWire's), sent as a line.
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
