using System.Net;
using System.Net.Sockets;

namespace Berth.Network.Dns;

// A resource record. A/AAAA carry Address, PTR/CNAME/NS carry Target (a name, decompressed when parsed);
// any other type keeps its raw RDATA, which may hold compression pointers into the message it came from,
// so such records are for reading, not for re-encoding into another message.
public sealed record DnsRecord(string Name, DnsRecordType Type, ushort Class, uint Ttl, IPAddress? Address, string? Target, byte[] RawData)
{
    public static DnsRecord ForAddress(string name, IPAddress address, uint ttl) =>
        new(name, address.AddressFamily == AddressFamily.InterNetwork ? DnsRecordType.A : DnsRecordType.AAAA,
            DnsClass.Internet, ttl, address, null, address.GetAddressBytes());

    public static DnsRecord ForPointer(string name, string target, uint ttl) =>
        new(name, DnsRecordType.PTR, DnsClass.Internet, ttl, null, target, []);

    internal static bool HasNameData(DnsRecordType type) => type is DnsRecordType.PTR or DnsRecordType.CNAME or DnsRecordType.NS;
}
