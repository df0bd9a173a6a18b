namespace Berth.Engine;

// What /info needs from the image store. The image store registers its implementation when it is wired into the
// daemon; until then the engine has no images at all, and reports that.
public interface IImageStats
{
    int CountImages();
}
