using System.Buffers.Text;
using System.Text;

namespace Berth.Storage.Archive;

// .NET's TarReader hands PAX records over as strings, decoding them as UTF-8,
// which turns binary xattr values (security.capability, for one) into U+FFFD.
// This pass-through stream follows the tar framing as the reader pulls bytes
// and keeps the raw bytes of each entry's SCHILY.xattr.* records, queued in
// entry order, so the applier can write the exact bytes. The framing it tracks
// is only a hint: the applier uses a raw value only when it decodes to the
// string the reader produced, so a tap that lost track can refuse, not lie.
internal sealed class PaxRecordTap(Stream inner) : ReadOnlyStream
{
    private const int BlockSize = 512;
    private const int MaxCapturedRecords = 1 << 20;
    private const string XattrPrefix = "SCHILY.xattr.";

    private readonly byte[] _header = new byte[BlockSize];
    private readonly Queue<Dictionary<string, byte[]>> _entries = new();
    private int _headerFilled;
    private long _dataRemaining;   // data plus padding still to pass
    private long _dataToCapture;   // of which the first bytes are PAX records to keep
    private MemoryStream? _capture;
    private bool _captureIsGlobal;
    private Dictionary<string, byte[]> _pending = new(StringComparer.Ordinal);
    private long? _pendingSize;

    // The raw xattr records of the next entry TarReader returns (global
    // extended attribute entries included, with none).
    public IReadOnlyDictionary<string, byte[]> TakeNextEntryXattrs() =>
        _entries.TryDequeue(out var xattrs) ? xattrs : new Dictionary<string, byte[]>();

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        Observe(buffer[..n]);
        return n;
    }


    private void Observe(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            if (_dataRemaining > 0)
            {
                var take = (int)Math.Min(_dataRemaining, bytes.Length);
                if (_capture is not null && _dataToCapture > 0)
                {
                    var keep = (int)Math.Min(_dataToCapture, take);
                    _capture.Write(bytes[..keep]);
                    _dataToCapture -= keep;
                    if (_dataToCapture == 0)
                        FinishCapture();
                }
                _dataRemaining -= take;
                bytes = bytes[take..];
                continue;
            }
            var fill = Math.Min(BlockSize - _headerFilled, bytes.Length);
            bytes[..fill].CopyTo(_header.AsSpan(_headerFilled));
            _headerFilled += fill;
            bytes = bytes[fill..];
            if (_headerFilled == BlockSize)
            {
                _headerFilled = 0;
                OnHeader();
            }
        }
    }

    private void OnHeader()
    {
        if (_header.AsSpan().IndexOfAnyExcept((byte)0) < 0)
            return; // end-of-archive block
        var type = (char)_header[156];
        var size = ParseSize(_header.AsSpan(124, 12));
        switch (type)
        {
            case 'x' or 'g':
                _captureIsGlobal = type == 'g';
                if (_captureIsGlobal)
                    _entries.Enqueue(new Dictionary<string, byte[]>()); // TarReader returns 'g' as an entry
                _capture = size <= MaxCapturedRecords ? new MemoryStream() : null;
                _dataToCapture = size;
                if (size == 0)
                    FinishCapture();
                break;
            case 'L' or 'K':
                break;
            default:
                _entries.Enqueue(_pending);
                _pending = new Dictionary<string, byte[]>(StringComparer.Ordinal);
                if (_pendingSize is { } paxSize)
                    size = paxSize;
                _pendingSize = null;
                if (type is not ('0' or '\0' or '7'))
                    size = 0; // only regular files carry data
                break;
        }
        _dataRemaining = size < 0 ? 0 : size + (BlockSize - size % BlockSize) % BlockSize;
    }

    private void FinishCapture()
    {
        var records = _capture?.ToArray();
        _capture = null;
        if (records is null || _captureIsGlobal)
            return;
        var span = records.AsSpan();
        while (!span.IsEmpty)
        {
            var space = span.IndexOf((byte)' ');
            if (space <= 0 || !Utf8Parser.TryParse(span[..space], out int length, out var used) || used != space
                || length <= space + 1 || length > span.Length)
                return; // malformed: TarReader will complain about it itself
            var record = span[(space + 1)..(length - 1)]; // "key=value" without the trailing newline
            var equals = record.IndexOf((byte)'=');
            if (equals > 0)
            {
                var key = Encoding.UTF8.GetString(record[..equals]);
                var value = record[(equals + 1)..];
                if (key.StartsWith(XattrPrefix, StringComparison.Ordinal))
                    _pending[key] = value.ToArray();
                else if (key == "size" && Utf8Parser.TryParse(value, out long paxSize, out var sizeUsed) && sizeUsed == value.Length)
                    _pendingSize = paxSize;
            }
            span = span[length..];
        }
    }

    // Octal, or base-256 when the high bit of the first byte is set (GNU, for sizes over 8 GiB).
    private static long ParseSize(ReadOnlySpan<byte> field)
    {
        if ((field[0] & 0x80) != 0)
        {
            long value = field[0] & 0x7f;
            foreach (var b in field[1..])
            {
                if (value > long.MaxValue >> 8)
                    return -1;
                value = (value << 8) | b;
            }
            return value;
        }
        long octal = 0;
        foreach (var b in field)
        {
            if (b is (byte)' ' or 0)
            {
                if (octal != 0)
                    break;
                continue;
            }
            if (b is < (byte)'0' or > (byte)'7')
                return -1;
            octal = octal * 8 + (b - '0');
        }
        return octal;
    }
}
