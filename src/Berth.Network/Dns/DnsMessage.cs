using System.Buffers.Binary;
using System.Net;

namespace Berth.Network.Dns;

// A DNS message (RFC 1035 4.1): header flags, questions and the three record sections.
public sealed record DnsMessage
{
    public const int HeaderLength = 12;
    // The classic UDP limit; a longer answer is cut at a record boundary and marked truncated (TC) so the
    // client asks again over TCP.
    public const int MaxUdpLength = 512;

    public ushort Id { get; init; }
    public bool IsResponse { get; init; }
    public byte Opcode { get; init; }
    public bool Authoritative { get; init; }
    public bool Truncated { get; init; }
    public bool RecursionDesired { get; init; }
    public bool RecursionAvailable { get; init; }
    public bool AuthenticData { get; init; }
    public bool CheckingDisabled { get; init; }
    public DnsResponseCode ResponseCode { get; init; }
    public IReadOnlyList<DnsQuestion> Questions { get; init; } = [];
    public IReadOnlyList<DnsRecord> Answers { get; init; } = [];
    public IReadOnlyList<DnsRecord> Authorities { get; init; } = [];
    public IReadOnlyList<DnsRecord> Additionals { get; init; } = [];

    public static DnsMessage Parse(ReadOnlySpan<byte> data)
    {
        if (data.Length < HeaderLength) throw new DnsFormatException($"message of {data.Length} bytes is shorter than a header");
        var flags = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
        var offset = HeaderLength;
        var questions = new List<DnsQuestion>();
        for (int i = 0, count = ReadCount(data, 4); i < count; i++)
        {
            var name = DnsName.Read(data, ref offset);
            var type = ReadUInt16(data, ref offset, "question type");
            var klass = ReadUInt16(data, ref offset, "question class");
            questions.Add(new DnsQuestion(name, (DnsRecordType)type, klass));
        }
        return new DnsMessage
        {
            Id = BinaryPrimitives.ReadUInt16BigEndian(data),
            IsResponse = (flags & 0x8000) != 0,
            Opcode = (byte)(flags >> 11 & 0xF),
            Authoritative = (flags & 0x0400) != 0,
            Truncated = (flags & 0x0200) != 0,
            RecursionDesired = (flags & 0x0100) != 0,
            RecursionAvailable = (flags & 0x0080) != 0,
            AuthenticData = (flags & 0x0020) != 0,
            CheckingDisabled = (flags & 0x0010) != 0,
            ResponseCode = (DnsResponseCode)(flags & 0xF),
            Questions = questions,
            Answers = ReadRecords(data, ref offset, ReadCount(data, 6)),
            Authorities = ReadRecords(data, ref offset, ReadCount(data, 8)),
            Additionals = ReadRecords(data, ref offset, ReadCount(data, 10)),
        };
    }

    // The reply skeleton for a query: same id, opcode, question and RD/CD; recursion available, as Docker's
    // resolver says (it forwards what it does not know).
    public static DnsMessage ReplyTo(DnsMessage query, DnsResponseCode code, IReadOnlyList<DnsRecord>? answers = null) => new()
    {
        Id = query.Id,
        IsResponse = true,
        Opcode = query.Opcode,
        RecursionDesired = query.RecursionDesired,
        RecursionAvailable = true,
        CheckingDisabled = query.CheckingDisabled,
        ResponseCode = code,
        Questions = query.Questions,
        Answers = answers ?? [],
    };

    // A reply to a query whose body could not be parsed: only its header is echoed. Null when even the header
    // is missing or the packet is itself a response (answering responses could bounce between two servers).
    public static byte[]? ReplyToUnparsable(ReadOnlySpan<byte> query, DnsResponseCode code)
    {
        if (query.Length < HeaderLength || (query[2] & 0x80) != 0) return null;
        var reply = new byte[HeaderLength];
        query[..2].CopyTo(reply);
        reply[2] = (byte)(0x80 | query[2] & 0x79); // QR, opcode, RD kept
        reply[3] = (byte)(0x80 | (byte)code);       // RA, rcode
        return reply;
    }

    public byte[] Encode(int maxLength = ushort.MaxValue)
    {
        var writer = new DnsWriter();
        writer.WriteUInt16(Id);
        writer.WriteUInt16(0); // flags, patched once truncation is known
        writer.WriteUInt16(checked((ushort)Questions.Count));
        writer.WriteUInt16(0);
        writer.WriteUInt16(0);
        writer.WriteUInt16(0);
        foreach (var question in Questions)
        {
            writer.WriteName(question.Name);
            writer.WriteUInt16((ushort)question.Type);
            writer.WriteUInt16(question.Class);
        }
        if (writer.Length > maxLength) throw new DnsFormatException("the question alone is longer than the message limit");

        var truncated = Truncated;
        var counts = new ushort[3];
        IReadOnlyList<DnsRecord>[] sections = [Answers, Authorities, Additionals];
        for (var s = 0; s < sections.Length && !truncated; s++)
        {
            foreach (var record in sections[s])
            {
                var mark = writer.Mark();
                WriteRecord(writer, record);
                if (writer.Length > maxLength)
                {
                    writer.Rewind(mark);
                    truncated = true;
                    break;
                }
                counts[s]++;
            }
        }
        writer.PatchUInt16(2, Flags(truncated));
        for (var s = 0; s < 3; s++) writer.PatchUInt16(6 + 2 * s, counts[s]);
        return writer.ToArray();
    }

    private ushort Flags(bool truncated) => (ushort)(
        (IsResponse ? 0x8000 : 0) | (Opcode & 0xF) << 11 | (Authoritative ? 0x0400 : 0) | (truncated ? 0x0200 : 0)
        | (RecursionDesired ? 0x0100 : 0) | (RecursionAvailable ? 0x0080 : 0) | (AuthenticData ? 0x0020 : 0)
        | (CheckingDisabled ? 0x0010 : 0) | (int)ResponseCode & 0xF);

    private static void WriteRecord(DnsWriter writer, DnsRecord record)
    {
        writer.WriteName(record.Name);
        writer.WriteUInt16((ushort)record.Type);
        writer.WriteUInt16(record.Class);
        writer.WriteUInt32(record.Ttl);
        var lengthAt = writer.Mark();
        writer.WriteUInt16(0);
        if (record.Address is not null && record.Type is DnsRecordType.A or DnsRecordType.AAAA) writer.WriteBytes(record.Address.GetAddressBytes());
        else if (record.Target is not null && DnsRecord.HasNameData(record.Type)) writer.WriteName(record.Target);
        else writer.WriteBytes(record.RawData);
        writer.PatchUInt16(lengthAt, checked((ushort)(writer.Length - lengthAt - 2)));
    }

    private static int ReadCount(ReadOnlySpan<byte> data, int at) => BinaryPrimitives.ReadUInt16BigEndian(data[at..]);

    private static ushort ReadUInt16(ReadOnlySpan<byte> data, ref int offset, string what)
    {
        if (offset + 2 > data.Length) throw new DnsFormatException($"{what} runs past the end of the message");
        var value = BinaryPrimitives.ReadUInt16BigEndian(data[offset..]);
        offset += 2;
        return value;
    }

    private static List<DnsRecord> ReadRecords(ReadOnlySpan<byte> data, ref int offset, int count)
    {
        var records = new List<DnsRecord>();
        for (var i = 0; i < count; i++)
        {
            var name = DnsName.Read(data, ref offset);
            var type = (DnsRecordType)ReadUInt16(data, ref offset, "record type");
            var klass = ReadUInt16(data, ref offset, "record class");
            if (offset + 6 > data.Length) throw new DnsFormatException("record header runs past the end of the message");
            var ttl = BinaryPrimitives.ReadUInt32BigEndian(data[offset..]);
            var length = BinaryPrimitives.ReadUInt16BigEndian(data[(offset + 4)..]);
            offset += 6;
            if (offset + length > data.Length) throw new DnsFormatException("record data runs past the end of the message");
            var raw = data.Slice(offset, length);
            IPAddress? address = null;
            string? target = null;
            if (type == DnsRecordType.A && klass == DnsClass.Internet)
            {
                address = length == 4 ? new IPAddress(raw) : throw new DnsFormatException($"A record with {length} data bytes");
            }
            else if (type == DnsRecordType.AAAA && klass == DnsClass.Internet)
            {
                address = length == 16 ? new IPAddress(raw) : throw new DnsFormatException($"AAAA record with {length} data bytes");
            }
            else if (DnsRecord.HasNameData(type))
            {
                var at = offset;
                target = DnsName.Read(data, ref at);
                if (at != offset + length) throw new DnsFormatException($"{type} record data is not exactly one name");
            }
            records.Add(new DnsRecord(name, type, klass, ttl, address, target, raw.ToArray()));
            offset += length;
        }
        return records;
    }
}
