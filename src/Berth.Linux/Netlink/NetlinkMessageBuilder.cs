using System.Runtime.InteropServices;
using System.Text;

namespace Berth.Linux.Netlink;

// Builds one netlink message: nlmsghdr, a fixed family header (ifinfomsg, ifaddrmsg, rtmsg), then
// 4-byte aligned attributes, possibly nested. Integers are in host byte order, addresses in network order.
internal sealed class NetlinkMessageBuilder
{
    private byte[] _buffer = new byte[128];
    private int _length;

    public NetlinkMessageBuilder(ushort type, ushort flags)
    {
        WriteU32(0); // length, patched by ToArray
        WriteU16(type);
        WriteU16(flags);
        WriteU32(0); // sequence, set when sent
        WriteU32(0); // port id: the kernel fills in ours
    }

    public NetlinkMessageBuilder IfInfo(byte family, int index, LinkFlags flags = 0, LinkFlags change = 0, ushort deviceType = 0)
    {
        WriteU8(family);
        WriteU8(0);
        WriteU16(deviceType);
        WriteI32(index);
        WriteU32((uint)flags);
        WriteU32((uint)change);
        return this;
    }

    public NetlinkMessageBuilder IfAddr(byte family, byte prefixLength, byte scope, int index)
    {
        WriteU8(family);
        WriteU8(prefixLength);
        WriteU8(0); // flags
        WriteU8(scope);
        WriteI32(index);
        return this;
    }

    public NetlinkMessageBuilder RtMsg(byte family, byte dstLength, byte table, byte protocol, byte scope, byte type)
    {
        WriteU8(family);
        WriteU8(dstLength);
        WriteU8(0); // src length
        WriteU8(0); // tos
        WriteU8(table);
        WriteU8(protocol);
        WriteU8(scope);
        WriteU8(type);
        WriteU32(0); // flags
        return this;
    }

    public NetlinkMessageBuilder Attr(ushort type, ReadOnlySpan<byte> value)
    {
        WriteU16((ushort)(4 + value.Length));
        WriteU16(type);
        Write(value);
        Align();
        return this;
    }

    public NetlinkMessageBuilder AttrU8(ushort type, byte value) => Attr(type, [value]);

    public NetlinkMessageBuilder AttrU32(ushort type, uint value)
    {
        Span<byte> b = stackalloc byte[4];
        MemoryMarshal.Write(b, in value);
        return Attr(type, b);
    }

    public NetlinkMessageBuilder AttrString(ushort type, string value)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(value) + 1];
        Encoding.UTF8.GetBytes(value, bytes);
        return Attr(type, bytes);
    }

    // Starts a nested attribute; EndNested patches its length once its children are written.
    public int BeginNested(ushort type)
    {
        var start = _length;
        WriteU16(0);
        WriteU16((ushort)(type | Nl.NestedFlag));
        return start;
    }

    public NetlinkMessageBuilder EndNested(int start)
    {
        var length = (ushort)(_length - start);
        MemoryMarshal.Write(_buffer.AsSpan(start), in length);
        return this;
    }

    public byte[] ToArray()
    {
        var length = (uint)_length;
        MemoryMarshal.Write(_buffer.AsSpan(0), in length);
        return _buffer.AsSpan(0, _length).ToArray();
    }

    private void WriteU8(byte v) => Write([v]);

    private void WriteU16(ushort v)
    {
        Span<byte> b = stackalloc byte[2];
        MemoryMarshal.Write(b, in v);
        Write(b);
    }

    private void WriteU32(uint v)
    {
        Span<byte> b = stackalloc byte[4];
        MemoryMarshal.Write(b, in v);
        Write(b);
    }

    private void WriteI32(int v) => WriteU32((uint)v);

    private void Write(ReadOnlySpan<byte> data)
    {
        if (_length + data.Length > _buffer.Length)
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + data.Length + 64));
        data.CopyTo(_buffer.AsSpan(_length));
        _length += data.Length;
    }

    private void Align()
    {
        var padding = NetlinkAlign.Pad(_length);
        if (padding > 0) Write(stackalloc byte[padding]);
    }
}

internal static class NetlinkAlign
{
    public static int Up(int length) => (length + 3) & ~3;

    public static int Pad(int length) => Up(length) - length;
}
