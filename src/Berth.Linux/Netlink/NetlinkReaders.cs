using System.Runtime.InteropServices;
using System.Text;

namespace Berth.Linux.Netlink;

// One message of a netlink datagram; Payload starts after the nlmsghdr.
internal readonly ref struct NetlinkMessage(ushort type, ushort flags, uint sequence, ReadOnlySpan<byte> payload)
{
    public ushort Type { get; } = type;
    public ushort Flags { get; } = flags;
    public uint Sequence { get; } = sequence;
    public ReadOnlySpan<byte> Payload { get; } = payload;
}

// Walks the messages of a received datagram; a truncated or malformed message ends the walk with an error.
internal ref struct NetlinkMessageReader(ReadOnlySpan<byte> data)
{
    private ReadOnlySpan<byte> _rest = data;

    public bool TryNext(out NetlinkMessage message)
    {
        message = default;
        if (_rest.Length < Nl.HeaderSize) return false;
        var length = MemoryMarshal.Read<uint>(_rest);
        if (length < Nl.HeaderSize || length > _rest.Length)
            throw new NetlinkException("read netlink reply", 0, $"malformed netlink message (length {length} of {_rest.Length} bytes)");
        message = new NetlinkMessage(
            MemoryMarshal.Read<ushort>(_rest[4..]),
            MemoryMarshal.Read<ushort>(_rest[6..]),
            MemoryMarshal.Read<uint>(_rest[8..]),
            _rest[Nl.HeaderSize..(int)length]);
        _rest = _rest[Math.Min(NetlinkAlign.Up((int)length), _rest.Length)..];
        return true;
    }
}

// Walks route attributes (struct rtattr); Type has the nested and byte-order flags removed.
internal ref struct NetlinkAttributeReader(ReadOnlySpan<byte> data)
{
    private ReadOnlySpan<byte> _rest = data;

    public bool TryNext(out ushort type, out ReadOnlySpan<byte> value)
    {
        type = 0;
        value = default;
        if (_rest.Length < 4) return false;
        var length = MemoryMarshal.Read<ushort>(_rest);
        if (length < 4 || length > _rest.Length) return false;
        type = (ushort)(MemoryMarshal.Read<ushort>(_rest[2..]) & 0x3fff);
        value = _rest[4..length];
        _rest = _rest[Math.Min(NetlinkAlign.Up(length), _rest.Length)..];
        return true;
    }

    public static uint U32(ReadOnlySpan<byte> value) => value.Length >= 4 ? MemoryMarshal.Read<uint>(value) : 0;

    public static string String(ReadOnlySpan<byte> value)
    {
        var end = value.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end >= 0 ? value[..end] : value);
    }
}
