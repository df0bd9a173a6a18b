using System.Buffers.Binary;

namespace Berth.Runtime.Shim;

// Docker's multiplexed stream: an 8-byte header [stream, 0, 0, 0, big-endian uint32 length] before each payload.
public static class StreamFrames
{
    public const byte Stdin = 0, Stdout = 1, Stderr = 2, Status = 3;
    public const int HeaderSize = 8;

    public static void WriteHeader(Span<byte> header, byte stream, int length)
    {
        header[0] = stream;
        header[1] = header[2] = header[3] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(header[4..], (uint)length);
    }

    public static byte[] Frame(byte stream, ReadOnlySpan<byte> payload)
    {
        var frame = new byte[HeaderSize + payload.Length];
        WriteHeader(frame, stream, payload.Length);
        payload.CopyTo(frame.AsSpan(HeaderSize));
        return frame;
    }

    public static async Task WriteAsync(Stream stream, byte type, ReadOnlyMemory<byte> payload, CancellationToken ct = default)
    {
        await stream.WriteAsync(Frame(type, payload.Span), ct);
    }

    // Reads one frame; null at a clean end of stream between frames.
    public static async Task<(byte Stream, byte[] Payload)?> ReadAsync(Stream stream, CancellationToken ct = default)
    {
        var header = new byte[HeaderSize];
        var got = await ReadFullAsync(stream, header, ct);
        if (got == 0) return null;
        if (got < HeaderSize) throw new EndOfStreamException("stream ended inside a frame header");
        var length = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4));
        if (length > 64 * 1024 * 1024) throw new InvalidDataException($"frame of {length} bytes is too large");
        var payload = new byte[length];
        if (await ReadFullAsync(stream, payload, ct) < payload.Length) throw new EndOfStreamException("stream ended inside a frame");
        return (header[0], payload);
    }

    private static async Task<int> ReadFullAsync(Stream stream, Memory<byte> buffer, CancellationToken ct)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer[total..], ct);
            if (n == 0) break;
            total += n;
        }
        return total;
    }
}
