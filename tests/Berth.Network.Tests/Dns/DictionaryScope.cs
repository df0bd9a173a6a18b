using System.Net;
using Berth.Network.Dns;

namespace Berth.Network.Tests.Dns;

// A scope built from a name table, the way the daemon's will be from a network's endpoints.
internal sealed class DictionaryScope : IDnsScope
{
    private readonly Dictionary<string, List<IPAddress>> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<IPAddress, string> _reverse = [];

    public DictionaryScope Add(string name, params string[] addresses)
    {
        var list = _names.TryGetValue(name, out var existing) ? existing : _names[name] = [];
        foreach (var text in addresses)
        {
            var address = IPAddress.Parse(text);
            list.Add(address);
            _reverse.TryAdd(address, name);
        }
        return this;
    }

    public IReadOnlyList<IPAddress> Lookup(string name) => _names.TryGetValue(name, out var list) ? list : [];

    public string? ReverseLookup(IPAddress address) => _reverse.GetValueOrDefault(address);
}
