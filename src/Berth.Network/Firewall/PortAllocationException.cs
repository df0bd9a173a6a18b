namespace Berth.Network.Firewall;

// A host port cannot be reserved; the message is the one line the user sees (Docker's wording where it has one).
public sealed class PortAllocationException(PortAllocationErrorKind kind, string message) : Exception(message)
{
    public PortAllocationErrorKind Kind { get; } = kind;
}

public enum PortAllocationErrorKind
{
    // Berth itself already publishes that port.
    AlreadyAllocated,
    // Another program holds it, or the address is not the host's.
    Unavailable,
    // No free port is left in the dynamic range.
    Exhausted,
    InvalidArgument,
}
