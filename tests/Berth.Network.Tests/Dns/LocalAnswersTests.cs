using System.Net;
using Berth.Network.Dns;

namespace Berth.Network.Tests.Dns;

public sealed class LocalAnswersTests
{
    private readonly DictionaryScope _scope = new DictionaryScope()
        .Add("web", "10.0.0.5")
        .Add("db", "10.0.0.6", "fd00::6")
        .Add("api", "10.0.0.7", "10.0.0.8")
        .Add("only6", "fd00::9");

    private static DnsMessage Query(string name, DnsRecordType type, ushort klass = DnsClass.Internet) =>
        new() { Id = 42, RecursionDesired = true, Questions = [new DnsQuestion(name, type, klass)] };

    [Fact]
    public void A_known_name_gets_its_addresses_with_ttl_600()
    {
        var reply = LocalAnswers.TryAnswer(Query("api", DnsRecordType.A), _scope)!;
        Assert.Equal((true, true, DnsResponseCode.NoError, (ushort)42), (reply.IsResponse, reply.RecursionAvailable, reply.ResponseCode, reply.Id));
        Assert.Equal(["10.0.0.7", "10.0.0.8"], reply.Answers.Select(a => a.Address!.ToString()));
        Assert.All(reply.Answers, a => Assert.Equal(("api", 600u, DnsRecordType.A), (a.Name, a.Ttl, a.Type)));
    }

    [Fact]
    public void Lookups_ignore_case_and_a_trailing_dot()
    {
        var reply = LocalAnswers.TryAnswer(Query("WEB.", DnsRecordType.A), _scope)!;
        Assert.Equal("10.0.0.5", Assert.Single(reply.Answers).Address!.ToString());
        Assert.Equal("WEB.", reply.Answers[0].Name);
    }

    [Fact]
    public void Aaaa_of_a_known_name_gives_its_ipv6_addresses()
    {
        var reply = LocalAnswers.TryAnswer(Query("db", DnsRecordType.AAAA), _scope)!;
        Assert.Equal(IPAddress.Parse("fd00::6"), Assert.Single(reply.Answers).Address);
        Assert.Equal(DnsRecordType.AAAA, reply.Answers[0].Type);
    }

    [Theory]
    [InlineData("web", DnsRecordType.AAAA)]
    [InlineData("only6", DnsRecordType.A)]
    public void A_known_name_without_the_asked_family_gets_noerror_and_no_answer(string name, DnsRecordType type)
    {
        var reply = LocalAnswers.TryAnswer(Query(name, type), _scope)!;
        Assert.Equal(DnsResponseCode.NoError, reply.ResponseCode);
        Assert.Empty(reply.Answers);
        Assert.Equal(name, reply.Questions[0].Name);
    }

    [Fact]
    public void A_known_address_gets_a_pointer_to_its_name()
    {
        var reply = LocalAnswers.TryAnswer(Query("6.0.0.10.in-addr.arpa", DnsRecordType.PTR), _scope)!;
        var answer = Assert.Single(reply.Answers);
        Assert.Equal((DnsRecordType.PTR, "db", "6.0.0.10.in-addr.arpa", 600u), (answer.Type, answer.Target, answer.Name, answer.Ttl));
        var v6 = LocalAnswers.TryAnswer(Query(ReverseName.For(IPAddress.Parse("fd00::9")), DnsRecordType.PTR), _scope)!;
        Assert.Equal("only6", Assert.Single(v6.Answers).Target);
    }

    [Theory]
    [InlineData("example.com", DnsRecordType.A, DnsClass.Internet)]
    [InlineData("web", DnsRecordType.MX, DnsClass.Internet)]
    [InlineData("web", DnsRecordType.A, (ushort)3)] // CHAOS
    [InlineData("9.9.9.9.in-addr.arpa", DnsRecordType.PTR, DnsClass.Internet)]
    [InlineData("0.10.in-addr.arpa", DnsRecordType.PTR, DnsClass.Internet)]
    public void Everything_else_is_left_to_the_upstream_resolvers(string name, DnsRecordType type, ushort klass)
    {
        Assert.Null(LocalAnswers.TryAnswer(Query(name, type, klass), _scope));
    }
}
