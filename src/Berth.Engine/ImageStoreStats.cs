using Berth.Images;

namespace Berth.Engine;

// /info's image count from the daemon's image store: top-level images, as `docker info` counts them.
public sealed class ImageStoreStats(ImageStore store) : IImageStats
{
    public int CountImages() => store.List().Count;
}
