using System.Net.Sockets;

namespace Berth.Network.Dns;

// Answers the queries a scope can answer by itself, as Docker's resolver does; null means "forward upstream".
public static class LocalAnswers
{
    // Docker's resolver gives its records a 600 s TTL.
    public const uint Ttl = 600;

    public static DnsMessage? TryAnswer(DnsMessage query, IDnsScope scope)
    {
        if (query.Questions.Count != 1) return null;
        var question = query.Questions[0];
        if (question.Class != DnsClass.Internet) return null;
        return question.Type switch
        {
            DnsRecordType.A => AnswerAddress(query, question, scope, AddressFamily.InterNetwork),
            DnsRecordType.AAAA => AnswerAddress(query, question, scope, AddressFamily.InterNetworkV6),
            DnsRecordType.PTR => AnswerPointer(query, question, scope),
            _ => null,
        };
    }

    private static DnsMessage? AnswerAddress(DnsMessage query, DnsQuestion question, IDnsScope scope, AddressFamily family)
    {
        var addresses = scope.Lookup(DnsName.Trim(question.Name));
        if (addresses.Count == 0) return null;
        // A known name without an address of the asked family gets NOERROR with no answer, not a forward:
        // the name exists, and asking the outside world would leak it or give a wrong address.
        var answers = addresses.Where(a => a.AddressFamily == family)
            .Select(a => DnsRecord.ForAddress(question.Name, a, Ttl)).ToList();
        return DnsMessage.ReplyTo(query, DnsResponseCode.NoError, answers);
    }

    private static DnsMessage? AnswerPointer(DnsMessage query, DnsQuestion question, IDnsScope scope)
    {
        var address = ReverseName.TryParse(question.Name);
        if (address is null) return null;
        var name = scope.ReverseLookup(address);
        if (string.IsNullOrEmpty(name)) return null;
        return DnsMessage.ReplyTo(query, DnsResponseCode.NoError, [DnsRecord.ForPointer(question.Name, DnsName.Trim(name), Ttl)]);
    }
}
