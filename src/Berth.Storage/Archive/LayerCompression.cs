namespace Berth.Storage.Archive;

public enum LayerCompression
{
    None,
    Gzip,
    Zstd,
}
