namespace Berth.Engine;

// What /info needs from the image store, so the engine's core does not depend on the store's whole surface.
// Without one (unit tests of other parts) the engine reports no images.
public interface IImageStats
{
    int CountImages();
}
