using System.Formats.Tar;
using System.Text.Json;

namespace Berth.Oci.Tests;

// Reads the members of the `docker save` fixture by name.
internal static class FixtureArchive
{
    public static string PathOf(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "fixtures", name);
            if (File.Exists(candidate))
                return candidate;
        }
        throw new FileNotFoundException($"fixture {name} not found above {AppContext.BaseDirectory}");
    }

    public static Dictionary<string, byte[]> ReadAll(string name)
    {
        var members = new Dictionary<string, byte[]>();
        using var reader = new TarReader(File.OpenRead(PathOf(name)));
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.DataStream is null)
                continue;
            using var buffer = new MemoryStream();
            entry.DataStream.CopyTo(buffer);
            members[entry.Name] = buffer.ToArray();
        }
        return members;
    }

    public sealed record SaveManifest(string Config, List<string> Layers);

    public static (byte[] Config, List<byte[]> Layers) ReadImage(string name)
    {
        var members = ReadAll(name);
        using var doc = JsonDocument.Parse(members["manifest.json"]);
        var image = doc.RootElement[0];
        var config = members[image.GetProperty("Config").GetString()!];
        var layers = image.GetProperty("Layers").EnumerateArray().Select(l => members[l.GetString()!]).ToList();
        return (config, layers);
    }
}
