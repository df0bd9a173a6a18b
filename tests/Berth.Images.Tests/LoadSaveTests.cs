using System.Diagnostics;
using System.Formats.Tar;
using System.Text.Json;
using Berth.Oci.Image;

namespace Berth.Images.Tests;

// docker load / docker save against archives real tools wrote.
public class LoadSaveTests
{
    [Fact]
    public void Docker2010ArchiveGetsDockersImageIdAndDiffIds()
    {
        using var root = new TempRoot();
        using var store = ImageStore.Open(root.Path);
        using var archive = Fixtures.Open("docker-20.10-save-3layers.tar");

        var result = store.Load(archive);

        Assert.Equal([Fixtures.DockerImageId], result.ImageIds);
        Assert.Equal(["Loaded image: fixture:2layers"], result.Messages);
        var inspect = store.Inspect("fixture:2layers");
        Assert.Equal(Fixtures.DockerImageId, inspect.Id);
        Assert.Equal(["fixture:2layers"], inspect.RepoTags);
        Assert.Equal(Fixtures.DiffIds, inspect.RootFS.Layers);
        Assert.Equal(["cat", "/data/sub/new"], inspect.Config!.Cmd);
        Assert.Contains("FIXTURE=yes", inspect.Config.Env!);
        Assert.Equal("linux", inspect.Os);
        Assert.True(inspect.Size > 0);

        // The unpacked stack: top layer first, whiteouts applied as overlayfs ones.
        var lowers = store.LowerDirectories("fixture:2layers");
        Assert.Equal(3, lowers.Count);
        Assert.Equal("replaced\n", File.ReadAllText(Path.Combine(lowers[0], "data/sub/new")));
        Assert.Equal(store.Resolve("b632095fa5ab"), store.Resolve("fixture:2layers"));
    }

    [Fact]
    public void OciArchiveLoadsWithItsRefName()
    {
        using var root = new TempRoot();
        using var store = ImageStore.Open(root.Path);
        using var archive = Fixtures.Open("oci-archive-3layers.tar");

        var result = store.Load(archive);

        Assert.Equal(["Loaded image: fixture:2layers"], result.Messages);
        var inspect = store.Inspect("fixture:2layers");
        Assert.Equal(Fixtures.DiffIds, inspect.RootFS.Layers);
        Assert.Equal(result.ImageIds[0], inspect.Id);
    }

    [Fact]
    public void SaveThenLoadGivesTheSameImage()
    {
        using var root = new TempRoot();
        var saved = root.Combine("saved.tar");
        using (var store = ImageStore.Open(root.Combine("a")))
        {
            using (var archive = Fixtures.Open("docker-20.10-save-3layers.tar"))
                store.Load(archive);
            using var output = File.Create(saved);
            store.Save(["fixture:2layers"], output);
        }

        // Docker 25+ layout: OCI layout plus manifest.json and repositories.
        var names = new List<string>();
        using (var file = File.OpenRead(saved))
        using (var reader = new TarReader(file))
            while (reader.GetNextEntry() is { } entry)
                names.Add(entry.Name);
        Assert.Contains("index.json", names);
        Assert.Contains("oci-layout", names);
        Assert.Contains("manifest.json", names);
        Assert.Contains("repositories", names);
        Assert.Contains($"blobs/sha256/{Fixtures.DockerImageId[7..]}", names);

        using var again = ImageStore.Open(root.Combine("b"));
        using (var input = File.OpenRead(saved))
        {
            var result = again.Load(input);
            Assert.Equal([Fixtures.DockerImageId], result.ImageIds);
            Assert.Equal(["Loaded image: fixture:2layers"], result.Messages);
        }
        Assert.Equal(Fixtures.DiffIds, again.Inspect("fixture:2layers").RootFS.Layers);

        // And a second save of the reloaded image is byte for byte the first.
        var resaved = root.Combine("resaved.tar");
        using (var output = File.Create(resaved))
            again.Save(["fixture:2layers"], output);
        Assert.Equal(File.ReadAllBytes(saved), File.ReadAllBytes(resaved));
    }

    [SkippableFact]
    public void SkopeoReadsTheSavedArchive()
    {
        var skopeo = new[] { "/usr/bin/skopeo", "/usr/local/bin/skopeo" }.FirstOrDefault(File.Exists);
        Skip.If(skopeo is null, "skopeo is not installed (apt-get install skopeo)");
        using var root = new TempRoot();
        var saved = root.Combine("saved.tar");
        using (var store = ImageStore.Open(root.Combine("data")))
        {
            using (var archive = Fixtures.Open("docker-20.10-save-3layers.tar"))
                store.Load(archive);
            using var output = File.Create(saved);
            store.Save(["fixture:2layers"], output);
        }

        var start = new ProcessStartInfo(skopeo!, ["inspect", "--config", "--raw", $"docker-archive:{saved}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(60_000), "skopeo did not finish");
        Assert.True(process.ExitCode == 0, $"skopeo failed: {stderr}");
        var config = ImageId.ParseConfig(System.Text.Encoding.UTF8.GetBytes(stdout.Result));
        Assert.Equal(Fixtures.DiffIds, config.RootFs.DiffIds.Select(d => d.ToString()));
        Assert.Equal(Fixtures.DockerImageId, $"sha256:{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(stdout.Result)))}");
    }

    [Fact]
    public void TamperedOciBlobIsRefusedAndLeavesNothing()
    {
        using var root = new TempRoot();
        using var store = ImageStore.Open(root.Combine("data"));
        var tampered = root.Combine("tampered.tar");
        using (var input = Fixtures.Open("oci-archive-3layers.tar"))
        using (var reader = new TarReader(input))
        using (var output = File.Create(tampered))
        using (var writer = new TarWriter(output, TarEntryFormat.Pax))
        {
            while (reader.GetNextEntry(copyData: true) is { } entry)
            {
                if (entry.Name.EndsWith("82194a371bce0cba200a578af6c87d5ee054d9e83d60a1d365f00d9b46eb3f13", StringComparison.Ordinal))
                {
                    var bytes = new MemoryStream();
                    entry.DataStream!.CopyTo(bytes);
                    var data = bytes.ToArray();
                    data[^20] ^= 0xff;
                    entry.DataStream = new MemoryStream(data);
                }
                writer.WriteEntry(entry);
            }
        }

        using (var input = File.OpenRead(tampered))
            Assert.ThrowsAny<Exception>(() => store.Load(input));
        Assert.Empty(store.List());
        Assert.Empty(Directory.EnumerateFileSystemEntries(root.Combine("data", "blobs", "sha256")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(root.Combine("data", "layers")));
    }

    [Fact]
    public void NotAnArchiveSaysSo()
    {
        using var root = new TempRoot();
        using var store = ImageStore.Open(root.Path);
        using var input = new MemoryStream(Fixtures.RootfsTar(("hello", "x")));
        var e = Assert.ThrowsAny<IOException>(() => store.Load(input));
        Assert.Contains("manifest.json", e.Message);
    }

    [Fact]
    public void ManifestJsonIsWrittenAsDockerReadsIt()
    {
        using var root = new TempRoot();
        using var store = ImageStore.Open(root.Path);
        using (var archive = Fixtures.Open("docker-20.10-save-3layers.tar"))
            store.Load(archive);
        using var saved = new MemoryStream();
        store.Save(["fixture:2layers"], saved);
        saved.Position = 0;
        using var reader = new TarReader(saved);
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.Name != "manifest.json")
                continue;
            using var doc = JsonDocument.Parse(entry.DataStream!);
            var image = doc.RootElement[0];
            Assert.Equal($"blobs/sha256/{Fixtures.DockerImageId[7..]}", image.GetProperty("Config").GetString());
            Assert.Equal("fixture:2layers", image.GetProperty("RepoTags")[0].GetString());
            Assert.Equal(3, image.GetProperty("Layers").GetArrayLength());
            return;
        }
        Assert.Fail("no manifest.json in the saved archive");
    }
}
