using Berth.Images.References;
using Berth.Oci;
using Berth.Oci.Image;
using Berth.Storage.Blobs;
using Berth.Storage.Layers;
using Berth.Storage.Metadata;

namespace Berth.Images;

// The image store over one data root: blobs, unpacked layers and berth.db.
// One lock serialises every operation: the garbage collector and Repair treat
// files that no committed row references as garbage, which is only safe while
// no load is halfway between writing files and committing rows.
public sealed partial class ImageStore : IDisposable
{
    private readonly Lock _gate = new();

    private ImageStore(string dataRoot)
    {
        DataRoot = Path.GetFullPath(dataRoot);
        Directory.CreateDirectory(DataRoot);
        Blobs = new BlobStore(DataRoot);
        Layers = new LayerStore(DataRoot);
        Db = new MetadataDb(Path.Combine(DataRoot, "berth.db"));
        ScratchDirectory = Path.Combine(DataRoot, "tmp");
    }

    // Opens (creating if needed) the store and finishes or rolls back whatever
    // a crash left half done.
    public static ImageStore Open(string dataRoot)
    {
        var store = new ImageStore(dataRoot);
        try
        {
            store.Repair();
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    public string DataRoot { get; }

    // Set by the engine once containers exist; until then no image is in use.
    public IImageUsage Usage { get; set; } = NoImageUsage.Instance;

    internal BlobStore Blobs { get; }
    internal LayerStore Layers { get; }
    internal MetadataDb Db { get; }
    internal string ScratchDirectory { get; }

    // Test seam: runs after a load wrote its files, before its rows commit.
    internal Action? BeforeCommit { get; set; }

    public void Tag(string source, string target)
    {
        lock (_gate)
        {
            var id = ResolveLocked(source);
            var reference = ParseTarget(target);
            Db.SetTag(reference.ToString(), id);
            Db.SetLastTagTime(id, DateTimeOffset.UtcNow);
        }
    }

    // The image's ID for a name, name:tag, name@digest, full ID or unique ID prefix.
    public Digest Resolve(string reference)
    {
        lock (_gate)
            return ResolveLocked(reference);
    }

    public ImageConfig GetConfig(string reference)
    {
        lock (_gate)
            return ReadConfig(ResolveLocked(reference));
    }

    // The image's unpacked layers, top first, as overlayfs's lowerdir lists them.
    public IReadOnlyList<string> LowerDirectories(string reference)
    {
        lock (_gate)
            return LowerDirectoriesLocked(ResolveLocked(reference));
    }

    public void Dispose() => Db.Dispose();

    private IReadOnlyList<string> LowerDirectoriesLocked(Digest id) =>
        Db.LayersOf(id).Reverse().Select(Layers.DiffDirectory).ToList();

    private ImageConfig ReadConfig(Digest id)
    {
        var image = Db.GetImage(id) ?? throw new ImageNotFoundException(id.ToString());
        return ImageId.ParseConfig(Blobs.ReadAll(image.ConfigDigest));
    }

    private static ImageReference ParseTarget(string target)
    {
        var reference = ImageReference.ParseWithDefaultTag(target);
        if (reference.Digest is not null)
            throw new InvalidImageInputException("refusing to create a tag with a digest reference");
        return reference;
    }

    private Digest ResolveLocked(string text)
    {
        if (Digest.TryParse(text, out var full) && Db.GetImage(full) is not null)
            return full;
        if (ImageReference.TryParse(text, out var reference) && reference is not null)
        {
            if (reference.Digest is { } digest)
            {
                if (Db.ImageOfRepoDigest((reference.NameOnly with { Digest = digest }).ToString()) is { } byDigest)
                    return byDigest;
            }
            else if (Db.ImageOfTag(reference.WithTag(reference.Tag ?? ImageReference.DefaultTag).ToString()) is { } byTag)
            {
                return byTag;
            }
        }
        if (ShortId(text) is { } prefix)
        {
            var matches = Db.ListImages().Where(i => i.Id.Hex.StartsWith(prefix, StringComparison.Ordinal)).ToList();
            if (matches.Count == 1)
                return matches[0].Id;
            if (matches.Count > 1)
                throw new ImageConflictException($"ambiguous image ID prefix {text}: it matches {matches.Count} images");
        }
        if (!ImageReference.TryParse(text, out _) && ShortId(text) is null)
            throw new InvalidImageInputException("invalid reference format");
        throw new ImageNotFoundException(text);
    }

    private static string? ShortId(string text)
    {
        var hex = text.StartsWith("sha256:", StringComparison.Ordinal) ? text["sha256:".Length..] : text;
        return hex.Length is > 0 and <= 64 && hex.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f') ? hex : null;
    }

    private static string Familiar(string normalized) =>
        ImageReference.Parse(normalized).ToFamiliarString();
}
