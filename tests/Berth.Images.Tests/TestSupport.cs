using System.Formats.Tar;
using System.Runtime.Versioning;

[assembly: SupportedOSPlatform("linux")]

namespace Berth.Images.Tests;

// A private data root per test, removed even when the test fails.
internal sealed class TempRoot : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("berth-images-test-").FullName;

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

internal static class Fixtures
{
    public const string DockerImageId = "sha256:b632095fa5ab3887f1e7dee5087581597bb7870b07616b39dd6cff87c2f72c60";

    public static readonly string[] DiffIds =
    [
        "sha256:55dacc42bcb9fa8afa6e2cb3e91cbe33d9b928e31d2d52aa15eec78101fc0629",
        "sha256:93957e3c7fdba10bb734bdc7a3249014fda87c115f7c321649bd079dd4a33490",
        "sha256:3e621c545f470f0226392e59a18b1cdebe9df30573348aa726bde6dc284559ea",
    ];

    public static string Path(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "tests", "fixtures", name);
            if (File.Exists(candidate))
                return candidate;
        }
        throw new FileNotFoundException($"fixture {name} not found above {AppContext.BaseDirectory}");
    }

    public static FileStream Open(string name) => File.OpenRead(Path(name));

    // A rootfs tar with the given files (path -> content).
    public static byte[] RootfsTar(params (string Path, string Content)[] files)
    {
        using var buffer = new MemoryStream();
        using (var writer = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (path, content) in files)
            {
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, path)
                {
                    Mode = (UnixFileMode)0b110_100_100,
                    ModificationTime = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero),
                    DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)),
                });
            }
        }
        return buffer.ToArray();
    }

    // Files under a directory, relative, excluding berth.db and its WAL files.
    public static SortedSet<string> Tree(string root) =>
        new(Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Select(p => System.IO.Path.GetRelativePath(root, p))
            .Where(p => !p.StartsWith("berth.db", StringComparison.Ordinal)), StringComparer.Ordinal);
}
