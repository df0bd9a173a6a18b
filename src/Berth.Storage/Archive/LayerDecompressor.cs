using System.IO.Compression;

namespace Berth.Storage.Archive;

// Opens a layer blob as its uncompressed tar, choosing the decompressor by
// magic bytes rather than by media type: `docker save` archives and some
// registries label layers wrongly, and the bytes do not lie.
public static class LayerDecompressor
{
    private static readonly byte[] GzipMagic = [0x1f, 0x8b];
    private static readonly byte[] ZstdMagic = [0x28, 0xb5, 0x2f, 0xfd];
    private static readonly byte[] XzMagic = [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00];
    private static readonly byte[] Bzip2Magic = "BZh"u8.ToArray();

    public static LayerCompression Detect(ReadOnlySpan<byte> head) =>
        head.StartsWith(GzipMagic) ? LayerCompression.Gzip
        : head.StartsWith(ZstdMagic) ? LayerCompression.Zstd
        : head.StartsWith(XzMagic) ? throw new InvalidLayerException("xz-compressed layers are not supported; recompress the layer with gzip or zstd")
        : head.StartsWith(Bzip2Magic) ? throw new InvalidLayerException("bzip2-compressed layers are not supported; recompress the layer with gzip or zstd")
        : LayerCompression.None;

    // The returned stream owns blob and disposes it.
    public static (Stream Tar, LayerCompression Compression) Open(Stream blob)
    {
        var head = new byte[XzMagic.Length];
        var filled = 0;
        while (filled < head.Length)
        {
            var n = blob.Read(head, filled, head.Length - filled);
            if (n == 0)
                break;
            filled += n;
        }
        var replayed = new PrefixedStream(head[..filled], blob);
        var compression = Detect(head.AsSpan(0, filled));
        Stream tar = compression switch
        {
            LayerCompression.Gzip => new GZipStream(replayed, CompressionMode.Decompress),
            LayerCompression.Zstd => new ZstdSharp.DecompressionStream(replayed),
            _ => replayed,
        };
        return (tar, compression);
    }
}
