namespace Berth.Network.Ipam;

// An address-management request that cannot be met; the message is the one line the user sees.
// Kind lets the API pick the status (bad input 400, conflict 409/403, exhausted 500 as Docker does).
public sealed class IpamException(IpamErrorKind kind, string message) : Exception(message)
{
    public IpamErrorKind Kind { get; } = kind;
}

public enum IpamErrorKind
{
    InvalidArgument,
    Conflict,
    Exhausted,
}
