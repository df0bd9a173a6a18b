using System.Buffers.Binary;
using System.Text;

namespace Berth.Network.Dns;

// Builds a message in a growing buffer, compressing names against earlier ones (case-insensitively, so an
// answer's owner points at the question as the client spelled it). Mark/Rewind drop a record that did not fit.
internal sealed class DnsWriter
{
    private const int MaxPointerOffset = 0x3FFF;
    private byte[] _buffer = new byte[512];
    private readonly Dictionary<string, int> _suffixes = new(StringComparer.Ordinal);

    public int Length { get; private set; }

    public void WriteUInt16(ushort value)
    {
        Ensure(2);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(Length), value);
        Length += 2;
    }

    public void WriteUInt32(uint value)
    {
        Ensure(4);
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(Length), value);
        Length += 4;
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(Length));
        Length += bytes.Length;
    }

    public void PatchUInt16(int offset, ushort value) => BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(offset), value);

    public void WriteName(string name)
    {
        var labels = DnsName.ToLabels(name);
        for (var i = 0; i < labels.Count; i++)
        {
            var suffix = SuffixKey(labels, i);
            if (_suffixes.TryGetValue(suffix, out var earlier))
            {
                WriteUInt16((ushort)(0xC000 | earlier));
                return;
            }
            if (Length <= MaxPointerOffset) _suffixes[suffix] = Length;
            Ensure(1 + labels[i].Length);
            _buffer[Length++] = (byte)labels[i].Length;
            WriteBytes(labels[i]);
        }
        Ensure(1);
        _buffer[Length++] = 0;
    }

    public int Mark() => Length;

    public void Rewind(int mark)
    {
        Length = mark;
        foreach (var stale in _suffixes.Where(s => s.Value >= mark).Select(s => s.Key).ToList()) _suffixes.Remove(stale);
    }

    public byte[] ToArray() => _buffer.AsSpan(0, Length).ToArray();

    // DNS folds only ASCII letters, so the key lower-cases those and keeps every other byte as it is.
    private static string SuffixKey(List<byte[]> labels, int from)
    {
        var key = new StringBuilder();
        for (var i = from; i < labels.Count; i++)
        {
            key.Append((char)labels[i].Length);
            foreach (var b in labels[i]) key.Append(b is >= (byte)'A' and <= (byte)'Z' ? (char)(b + 32) : (char)b);
        }
        return key.ToString();
    }

    private void Ensure(int more)
    {
        if (Length + more <= _buffer.Length) return;
        Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + more));
    }
}
