namespace Berth.Network.Dns;

// A DNS message that does not follow the wire format (truncated, bad label, looping compression pointer).
public sealed class DnsFormatException(string message) : Exception(message);
