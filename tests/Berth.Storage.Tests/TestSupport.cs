using System.Diagnostics;
using System.Formats.Tar;
using System.Runtime.Versioning;

[assembly: SupportedOSPlatform("linux")]

namespace Berth.Storage.Tests;

// A private scratch directory per test, removed even when the test fails.
internal sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("berth-storage-test-").FullName;

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

internal static class Tars
{
    public static byte[] Build(Action<TarWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
            write(writer);
        return buffer.ToArray();
    }

    public static void File(this TarWriter writer, string name, string content = "x", UnixFileMode mode = (UnixFileMode)0b110_100_100)
    {
        var entry = new PaxTarEntry(TarEntryType.RegularFile, name)
        {
            DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)),
            Mode = mode,
        };
        writer.WriteEntry(entry);
    }

    public static void Dir(this TarWriter writer, string name) =>
        writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, name) { Mode = (UnixFileMode)0b111_101_101 });

    public static void Symlink(this TarWriter writer, string name, string target) =>
        writer.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, name) { LinkName = target, Mode = (UnixFileMode)0b111_111_111 });

    public static void HardLink(this TarWriter writer, string name, string target) =>
        writer.WriteEntry(new PaxTarEntry(TarEntryType.HardLink, name) { LinkName = target, Mode = (UnixFileMode)0b110_100_100 });

    public static List<PaxTarEntry> Read(byte[] tar)
    {
        var entries = new List<PaxTarEntry>();
        using var reader = new TarReader(new MemoryStream(tar));
        while (reader.GetNextEntry(copyData: true) is { } entry)
            entries.Add((PaxTarEntry)entry);
        return entries;
    }
}

internal static class Commands
{
    public static void Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)}: exit {process.ExitCode}: {error}");
    }
}

// The `docker save` fixture's members, by name.
internal static class Fixture
{
    public static readonly string[] DockerDiffIds =
    [
        "sha256:55dacc42bcb9fa8afa6e2cb3e91cbe33d9b928e31d2d52aa15eec78101fc0629",
        "sha256:93957e3c7fdba10bb734bdc7a3249014fda87c115f7c321649bd079dd4a33490",
        "sha256:3e621c545f470f0226392e59a18b1cdebe9df30573348aa726bde6dc284559ea",
    ];

    private static readonly Lazy<List<byte[]>> LayerBytes = new(ReadLayers);

    public static IReadOnlyList<byte[]> Layers => LayerBytes.Value;

    private static List<byte[]> ReadLayers()
    {
        var members = new Dictionary<string, byte[]>();
        using var reader = new TarReader(System.IO.File.OpenRead(PathOf("docker-20.10-save-3layers.tar")));
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.DataStream is null)
                continue;
            using var buffer = new MemoryStream();
            entry.DataStream.CopyTo(buffer);
            members[entry.Name] = buffer.ToArray();
        }
        using var manifest = System.Text.Json.JsonDocument.Parse(members["manifest.json"]);
        return manifest.RootElement[0].GetProperty("Layers").EnumerateArray().Select(l => members[l.GetString()!]).ToList();
    }

    private static string PathOf(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "tests", "fixtures", name);
            if (System.IO.File.Exists(candidate))
                return candidate;
        }
        throw new FileNotFoundException($"fixture {name} not found above {AppContext.BaseDirectory}");
    }
}
