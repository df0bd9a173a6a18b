using System.Net;
using Berth.Network.Dns;

namespace Berth.Network.Tests.Dns;

public sealed class DnsMessageTests
{
    // id 0x1234, RD, one question: web IN A
    private static readonly byte[] WebQuery = Convert.FromHexString("123401000001000000000000" + "0377656200" + "00010001");

    [Fact]
    public void A_hand_made_query_is_parsed()
    {
        var query = DnsMessage.Parse(WebQuery);
        Assert.Equal((ushort)0x1234, query.Id);
        Assert.False(query.IsResponse);
        Assert.True(query.RecursionDesired);
        Assert.Equal(0, query.Opcode);
        Assert.Equal(new DnsQuestion("web", DnsRecordType.A, DnsClass.Internet), Assert.Single(query.Questions));
        Assert.Empty(query.Answers);
    }

    [Fact]
    public void A_compressed_response_is_parsed_with_names_expanded()
    {
        // example.com A 93.184.216.34 (owner is a pointer to the question), then a CNAME whose target
        // www.example.com ends in a pointer too.
        var hex = "abcd81800001000200000000" + "076578616d706c6503636f6d00" + "00010001"
            + "c00c" + "00010001" + "00000e10" + "0004" + "5db8d822"
            + "c00c" + "00050001" + "0000003c" + "0006" + "03777777c00c";
        var response = DnsMessage.Parse(Convert.FromHexString(hex));
        Assert.True(response.IsResponse);
        Assert.True(response.RecursionAvailable);
        Assert.Equal(DnsResponseCode.NoError, response.ResponseCode);
        Assert.Equal(2, response.Answers.Count);
        var a = response.Answers[0];
        Assert.Equal(("example.com", DnsRecordType.A, 3600u, IPAddress.Parse("93.184.216.34")), (a.Name, a.Type, a.Ttl, a.Address));
        var cname = response.Answers[1];
        Assert.Equal(("example.com", DnsRecordType.CNAME, "www.example.com"), (cname.Name, cname.Type, cname.Target));
    }

    [Theory]
    [InlineData("1234010000010000000000", "shorter than a header")]
    [InlineData("123401000001000000000000" + "03776562", "past the end")]              // name without its end
    [InlineData("123401000001000000000000" + "0377656200" + "0001", "past the end")]  // class missing
    [InlineData("123401000001000000000000" + "c00c" + "00010001", "backwards")]       // pointer to itself
    [InlineData("123401000001000000000000" + "c00e" + "00010001", "backwards")]       // pointer forwards
    [InlineData("123401000001000000000000" + "4177656200" + "00010001", "label type")] // 01xxxxxx labels
    [InlineData("123481800001000100000000" + "0377656200" + "00010001" + "c00c000100010000025800030a0000", "A record with 3")]
    public void Malformed_messages_are_format_errors(string hex, string expected)
    {
        var error = Assert.Throws<DnsFormatException>(() => DnsMessage.Parse(Convert.FromHexString(hex)));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_name_longer_than_255_octets_is_a_format_error()
    {
        var label = "3f" + new string('6', 126); // 63 x 'f'
        var hex = "123401000001000000000000" + label + label + label + label + "00" + "00010001";
        Assert.Contains("255", Assert.Throws<DnsFormatException>(() => DnsMessage.Parse(Convert.FromHexString(hex))).Message);
    }

    [Fact]
    public void An_A_answer_is_encoded_byte_for_byte_with_the_owner_compressed_to_the_question()
    {
        var query = DnsMessage.Parse(WebQuery);
        var reply = DnsMessage.ReplyTo(query, DnsResponseCode.NoError, [DnsRecord.ForAddress("web", IPAddress.Parse("10.0.0.5"), 600)]);
        var expected = "123481800001000100000000" + "0377656200" + "00010001"
            + "c00c" + "00010001" + "00000258" + "0004" + "0a000005";
        Assert.Equal(expected, Convert.ToHexStringLower(reply.Encode()));
    }

    [Fact]
    public void The_reply_keeps_the_case_of_the_question_and_compresses_case_insensitively()
    {
        var query = new DnsMessage { Id = 7, RecursionDesired = true, Questions = [new DnsQuestion("WeB.Net1", DnsRecordType.A)] };
        var bytes = DnsMessage.ReplyTo(query, DnsResponseCode.NoError, [DnsRecord.ForAddress("web.net1", IPAddress.Parse("10.0.0.5"), 600)]).Encode();
        var parsed = DnsMessage.Parse(bytes);
        Assert.Equal("WeB.Net1", parsed.Questions[0].Name);
        Assert.Equal("WeB.Net1", parsed.Answers[0].Name); // a pointer to the question
        Assert.Equal(12 + 14 + 16, bytes.Length); // header, question, answer with a 2-byte owner
    }

    [Theory]
    [InlineData(DnsResponseCode.NameError, "8183")]
    [InlineData(DnsResponseCode.ServerFailure, "8182")]
    [InlineData(DnsResponseCode.NoError, "8180")]
    public void Error_replies_echo_id_and_question_with_the_code_in_the_flags(DnsResponseCode code, string flags)
    {
        var reply = DnsMessage.ReplyTo(DnsMessage.Parse(WebQuery), code).Encode();
        Assert.Equal("1234" + flags + "000100000000000003776562000001" + "0001", Convert.ToHexStringLower(reply));
    }

    [Fact]
    public void A_pointer_answer_round_trips()
    {
        var query = new DnsMessage { Id = 9, Questions = [new DnsQuestion("5.0.0.10.in-addr.arpa", DnsRecordType.PTR)] };
        var reply = DnsMessage.ReplyTo(query, DnsResponseCode.NoError, [DnsRecord.ForPointer("5.0.0.10.in-addr.arpa", "web.net1", 600)]);
        var parsed = DnsMessage.Parse(reply.Encode());
        var answer = Assert.Single(parsed.Answers);
        Assert.Equal((DnsRecordType.PTR, "web.net1", 600u), (answer.Type, answer.Target, answer.Ttl));
        Assert.Equal(query.Questions, parsed.Questions);
        Assert.Equal((ushort)9, parsed.Id);
    }

    [Fact]
    public void Every_field_and_section_round_trips()
    {
        var message = new DnsMessage
        {
            Id = 0xfffe, IsResponse = true, Opcode = 2, Authoritative = true, RecursionDesired = true, RecursionAvailable = true,
            AuthenticData = true, CheckingDisabled = true, ResponseCode = DnsResponseCode.Refused,
            Questions = [new DnsQuestion("a.b", DnsRecordType.AAAA)],
            Answers = [DnsRecord.ForAddress("a.b", IPAddress.Parse("fd00::1"), 1)],
            Authorities = [new DnsRecord("b", DnsRecordType.NS, DnsClass.Internet, 2, null, "ns.b", [])],
            Additionals = [new DnsRecord("", DnsRecordType.OPT, 1232, 0, null, null, [0, 1, 0, 0])],
        };
        var parsed = DnsMessage.Parse(message.Encode());
        static object Header(DnsMessage m) => (m.Id, m.IsResponse, m.Opcode, m.Authoritative, m.Truncated, m.RecursionDesired,
            m.RecursionAvailable, m.AuthenticData, m.CheckingDisabled, m.ResponseCode);
        Assert.Equal(Header(message), Header(parsed));
        Assert.Equal(message.Questions, parsed.Questions);
        Assert.Equal((IPAddress.Parse("fd00::1"), DnsRecordType.AAAA), (parsed.Answers[0].Address, parsed.Answers[0].Type));
        Assert.Equal("ns.b", parsed.Authorities[0].Target);
        Assert.Equal(("", DnsRecordType.OPT, (ushort)1232), (parsed.Additionals[0].Name, parsed.Additionals[0].Type, parsed.Additionals[0].Class));
        Assert.Equal([0, 1, 0, 0], parsed.Additionals[0].RawData);
    }

    [Fact]
    public void An_answer_too_long_for_udp_is_cut_at_a_record_and_marked_truncated()
    {
        var query = DnsMessage.Parse(WebQuery);
        var many = Enumerable.Range(1, 60).Select(i => DnsRecord.ForAddress("web", IPAddress.Parse($"10.0.1.{i}"), 600)).ToList();
        var udp = DnsMessage.Parse(DnsMessage.ReplyTo(query, DnsResponseCode.NoError, many).Encode(DnsMessage.MaxUdpLength));
        Assert.True(udp.Truncated);
        Assert.Equal((512 - 12 - 9) / 16, udp.Answers.Count);
        Assert.Equal(many.Take(udp.Answers.Count).Select(r => r.Address), udp.Answers.Select(r => r.Address));

        var tcp = DnsMessage.Parse(DnsMessage.ReplyTo(query, DnsResponseCode.NoError, many).Encode());
        Assert.False(tcp.Truncated);
        Assert.Equal(60, tcp.Answers.Count);
    }

    [Fact]
    public void Labels_with_dots_or_odd_bytes_survive_a_round_trip_escaped()
    {
        // one label "a.b" then a label of the bytes 0x00 'X' 0x7f
        var hex = "123401000001000000000000" + "03612e62" + "0300587f" + "00" + "00010001";
        var query = DnsMessage.Parse(Convert.FromHexString(hex));
        Assert.Equal(@"a\.b.\000X\127", query.Questions[0].Name);
        Assert.Equal(hex, Convert.ToHexStringLower(query.Encode()));
    }

    [Theory]
    [InlineData("a..b", "empty label")]
    [InlineData("a\\", "backslash")]
    [InlineData("caf\u00e9", "non-ASCII")]
    public void Names_that_cannot_be_encoded_are_refused(string name, string expected)
    {
        var message = new DnsMessage { Questions = [new DnsQuestion(name, DnsRecordType.A)] };
        Assert.Contains(expected, Assert.Throws<DnsFormatException>(() => message.Encode()).Message);
    }

    [Fact]
    public void A_label_longer_than_63_octets_is_refused()
    {
        var message = new DnsMessage { Questions = [new DnsQuestion(new string('x', 64), DnsRecordType.A)] };
        Assert.Contains("63", Assert.Throws<DnsFormatException>(() => message.Encode()).Message);
    }

    [Fact]
    public void An_unparsable_query_gets_a_header_only_format_error_and_a_response_gets_nothing()
    {
        var broken = Convert.FromHexString("beef" + "0900" + "0001000000000000" + "c0ff"); // opcode 1, RD; bad pointer
        Assert.Equal("beef" + "8981" + "0000000000000000", Convert.ToHexStringLower(DnsMessage.ReplyToUnparsable(broken, DnsResponseCode.FormatError)!));
        Assert.Null(DnsMessage.ReplyToUnparsable(Convert.FromHexString("beef8180000000000000000000"), DnsResponseCode.FormatError));
        Assert.Null(DnsMessage.ReplyToUnparsable([1, 2, 3], DnsResponseCode.FormatError));
    }
}
