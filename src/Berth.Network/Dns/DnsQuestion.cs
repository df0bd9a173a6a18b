namespace Berth.Network.Dns;

// One question: the name in presentation form without the trailing dot ("web", "example.com"; "" is the root).
public sealed record DnsQuestion(string Name, DnsRecordType Type, ushort Class = DnsClass.Internet);
