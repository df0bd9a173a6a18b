using System.Text;

namespace Berth.Oci.Image;

// Chain IDs name a stack of layers (the layer store's keys), computed as Docker
// and the OCI spec do: chain(L1) = diffid(L1),
// chain(Ln) = sha256(chain(Ln-1) + " " + diffid(Ln)) over the digest strings.
public static class ChainId
{
    public static Digest Next(Digest parentChainId, Digest diffId) =>
        parentChainId.IsEmpty
            ? diffId
            : Digest.Compute(Encoding.ASCII.GetBytes($"{parentChainId} {diffId}"));

    public static Digest Of(IEnumerable<Digest> diffIds)
    {
        var chain = default(Digest);
        foreach (var diffId in diffIds)
            chain = Next(chain, diffId);
        return chain.IsEmpty ? throw new ArgumentException("a chain ID needs at least one layer", nameof(diffIds)) : chain;
    }

    // The chain ID of every prefix: element i names layers 0..i.
    public static IReadOnlyList<Digest> All(IEnumerable<Digest> diffIds)
    {
        var chains = new List<Digest>();
        var chain = default(Digest);
        foreach (var diffId in diffIds)
        {
            chain = Next(chain, diffId);
            chains.Add(chain);
        }
        return chains;
    }
}
