namespace Berth.Network.Dns;

// The record types the embedded server answers or recognises (RFC 1035, 3596, 6891); others pass through as numbers.
public enum DnsRecordType : ushort
{
    A = 1,
    NS = 2,
    CNAME = 5,
    SOA = 6,
    PTR = 12,
    MX = 15,
    TXT = 16,
    AAAA = 28,
    SRV = 33,
    OPT = 41,
    ANY = 255,
}

public enum DnsResponseCode : byte
{
    NoError = 0,
    FormatError = 1,
    ServerFailure = 2,
    NameError = 3, // NXDOMAIN
    NotImplemented = 4,
    Refused = 5,
}

public static class DnsClass
{
    public const ushort Internet = 1;
}
