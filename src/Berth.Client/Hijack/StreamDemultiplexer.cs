using System.Buffers.Binary;
using System.Text;

namespace Berth.Client.Hijack;

// Docker's multiplexed stream (attach and logs without a TTY): frames of an 8-byte header [type,0,0,0,size BE32]
// and size bytes; type 0 stdin (written as stdout, as Docker's stdcopy does), 1 stdout, 2 stderr, 3 an error the
// daemon reports in the stream.
public static class StreamDemultiplexer
{
    public const int HeaderLength = 8;

    // The same copy with blocking reads and writes on the calling thread (`run`'s output, see BlockingExchange).
    public static void Copy(Stream source, Stream stdout, Stream stderr)
    {
        var header = new byte[HeaderLength];
        var buffer = new byte[32 * 1024];
        while (true)
        {
            var got = source.ReadAtLeast(header, HeaderLength, throwOnEndOfStream: false);
            if (got == 0) return;
            var (type, size) = ParseHeader(header, got);
            if (type == 3)
            {
                var message = new byte[Math.Min(size, 1 << 20)];
                source.ReadExactly(message);
                throw StreamError(message);
            }
            var target = type == 2 ? stderr : stdout;
            var left = (long)size;
            while (left > 0)
            {
                var n = source.Read(buffer.AsSpan(0, (int)Math.Min(left, buffer.Length)));
                if (n == 0) throw new IOException("the daemon's stream ended inside a frame");
                target.Write(buffer.AsSpan(0, n));
                left -= n;
            }
            target.Flush();
        }
    }

    private static (byte Type, uint Size) ParseHeader(byte[] header, int got)
    {
        if (got < HeaderLength) throw new IOException("the daemon's stream ended inside a frame header");
        var type = header[0];
        if (type > 3) throw new IOException($"unrecognized stream type {type} in the daemon's output");
        return (type, BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4)));
    }

    private static ClientException StreamError(byte[] message) =>
        new(0, "error from daemon in stream: " + Encoding.UTF8.GetString(message));

    public static async Task CopyAsync(Stream source, Stream stdout, Stream stderr, CancellationToken cancel)
    {
        var header = new byte[HeaderLength];
        var buffer = new byte[32 * 1024];
        while (true)
        {
            var got = await source.ReadAtLeastAsync(header, HeaderLength, throwOnEndOfStream: false, cancel).ConfigureAwait(false);
            if (got == 0) return;
            var (type, size) = ParseHeader(header, got);
            if (type == 3)
            {
                var message = new byte[Math.Min(size, 1 << 20)];
                await source.ReadExactlyAsync(message, cancel).ConfigureAwait(false);
                throw StreamError(message);
            }
            var target = type == 2 ? stderr : stdout;
            var left = (long)size;
            while (left > 0)
            {
                var n = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(left, buffer.Length)), cancel).ConfigureAwait(false);
                if (n == 0) throw new IOException("the daemon's stream ended inside a frame");
                await target.WriteAsync(buffer.AsMemory(0, n), cancel).ConfigureAwait(false);
                left -= n;
            }
            await target.FlushAsync(cancel).ConfigureAwait(false);
        }
    }

    public static byte[] Frame(byte type, ReadOnlySpan<byte> payload)
    {
        var frame = new byte[HeaderLength + payload.Length];
        frame[0] = type;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), (uint)payload.Length);
        payload.CopyTo(frame.AsSpan(HeaderLength));
        return frame;
    }
}
