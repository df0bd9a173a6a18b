namespace Berth.Network.Firewall;

// The firewall could not be programmed, or its input is inconsistent; the message is one line for the user.
public sealed class FirewallException(string message) : Exception(message);
