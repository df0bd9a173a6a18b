using System.Net;

namespace Berth.Network.Dns;

// What one container can resolve on its networks: container names, aliases and service aliases.
// Called for every query, from any thread, so implementations must be thread-safe and cheap.
public interface IDnsScope
{
    // The addresses of a name (compare case-insensitively; the server passes names without a trailing dot);
    // empty when the name is not known here, and the query then goes to the upstream resolvers.
    IReadOnlyList<IPAddress> Lookup(string name);

    // The name of a known address (for PTR), or null to forward the query.
    string? ReverseLookup(IPAddress address);
}
