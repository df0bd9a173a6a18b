using Berth.Oci;

namespace Berth.Images;

// What the engine tells the image store about containers, so that rmi, prune
// and system df can see which images are in use without knowing containers.
public interface IImageUsage
{
    IReadOnlyList<string> ContainersUsing(Digest imageId);
}

internal sealed class NoImageUsage : IImageUsage
{
    public static readonly NoImageUsage Instance = new();

    public IReadOnlyList<string> ContainersUsing(Digest imageId) => [];
}
