using System.Formats.Tar;

namespace Berth.Images.Archives;

// The files of an image archive, unpacked to a private scratch directory so
// they can be read in any order (manifest.json may come last). Only regular
// files are kept, under generated names, so a hostile archive path cannot
// write outside the scratch directory; symlinks (Docker 20.10 links a layer
// that two images share) are resolved inside the archive's own namespace.
internal sealed class ArchiveContents : IDisposable
{
    private const int MaxSymlinkHops = 16;
    private const long MaxDocumentBytes = 16L << 20;
    private readonly string _scratch;
    private readonly Dictionary<string, string> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _links = new(StringComparer.Ordinal);

    private ArchiveContents(string scratch) => _scratch = scratch;

    public static ArchiveContents Extract(Stream archive, string scratchParent)
    {
        var scratch = Path.Combine(scratchParent, $"load-{Guid.NewGuid():N}");
        Directory.CreateDirectory(scratch);
        var contents = new ArchiveContents(scratch);
        try
        {
            using var reader = new TarReader(archive, leaveOpen: true);
            var n = 0;
            while (reader.GetNextEntry() is { } entry)
            {
                var name = Normalize(entry.Name);
                if (name.Length == 0)
                    continue;
                switch (entry.EntryType)
                {
                    case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                        var file = Path.Combine(scratch, (n++).ToString(System.Globalization.CultureInfo.InvariantCulture));
                        using (var output = File.Create(file))
                            entry.DataStream?.CopyTo(output);
                        contents._files[name] = file;
                        contents._links.Remove(name);
                        break;
                    case TarEntryType.SymbolicLink:
                        var dir = name.Contains('/') ? name[..name.LastIndexOf('/')] : "";
                        contents._links[name] = Normalize(entry.LinkName.StartsWith('/') ? entry.LinkName : $"{dir}/{entry.LinkName}");
                        break;
                    case TarEntryType.HardLink:
                        contents._links[name] = Normalize(entry.LinkName);
                        break;
                }
            }
            return contents;
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException)
        {
            contents.Dispose();
            throw new InvalidArchiveException($"the archive is not a valid tar file: {e.Message}");
        }
        catch
        {
            contents.Dispose();
            throw;
        }
    }

    public bool Contains(string name) => Resolve(name) is not null;

    public string PathOf(string name) =>
        Resolve(name) ?? throw new InvalidArchiveException($"the archive has no file {name}");

    // For the JSON documents (manifest.json, index.json, configs, manifests),
    // which are kilobytes: a huge one is an attack on memory, not an image.
    public byte[] ReadAllBytes(string name)
    {
        var path = PathOf(name);
        if (new FileInfo(path).Length > MaxDocumentBytes)
            throw new InvalidArchiveException($"{name} in the archive is larger than {MaxDocumentBytes >> 20} MiB; refusing to read it");
        return File.ReadAllBytes(path);
    }

    public Stream Open(string name) => File.OpenRead(PathOf(name));

    private string? Resolve(string name)
    {
        name = Normalize(name);
        for (var hop = 0; hop < MaxSymlinkHops; hop++)
        {
            if (_files.TryGetValue(name, out var file))
                return file;
            if (!_links.TryGetValue(name, out var target))
                return null;
            name = target;
        }
        return null;
    }

    // "./a/../b//c" -> "b/c"; ".." above the root stays at the root.
    private static string Normalize(string name)
    {
        var parts = new List<string>();
        foreach (var part in name.Split('/'))
        {
            if (part is "" or ".")
                continue;
            if (part == "..")
            {
                if (parts.Count > 0)
                    parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(part);
        }
        return string.Join('/', parts);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_scratch, recursive: true);
        }
        catch (IOException)
        {
            // Left for Repair, which clears the scratch directory.
        }
    }
}

public sealed class InvalidArchiveException(string message) : IOException(message);
