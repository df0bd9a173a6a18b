using System.Buffers.Binary;

namespace Berth.Network.Dns;

// DNS over TCP (RFC 1035 4.2.2, RFC 7766): each message is preceded by its length as two bytes.
internal static class DnsTcpFraming
{
    // The next message on the stream, or null at a clean end of stream between messages.
    public static async Task<byte[]?> ReadAsync(Stream stream, CancellationToken cancel)
    {
        var prefix = new byte[2];
        var got = await stream.ReadAtLeastAsync(prefix, 2, throwOnEndOfStream: false, cancel);
        if (got == 0) return null;
        if (got < 2) throw new EndOfStreamException("the stream ended inside a message length");
        var message = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
        await stream.ReadExactlyAsync(message, cancel);
        return message;
    }

    public static async Task WriteAsync(Stream stream, ReadOnlyMemory<byte> message, CancellationToken cancel)
    {
        var framed = new byte[2 + message.Length];
        BinaryPrimitives.WriteUInt16BigEndian(framed, checked((ushort)message.Length));
        message.CopyTo(framed.AsMemory(2));
        await stream.WriteAsync(framed, cancel);
        await stream.FlushAsync(cancel);
    }
}
