namespace Berth.Storage.Archive;

// OCI layer whiteouts (image-spec layer.md) and their overlayfs forms.
internal static class Whiteouts
{
    public const string Prefix = ".wh.";
    public const string MetaPrefix = ".wh..wh.";
    public const string Opaque = ".wh..wh..opq";
    public const string OverlayOpaqueXattr = "trusted.overlay.opaque";
    public const string OverlayXattrPrefix = "trusted.overlay.";
}
