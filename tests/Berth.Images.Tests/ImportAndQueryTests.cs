using System.Text.Json;
using Berth.Api.Models.Images;
using Berth.Images.Models;
using Berth.Oci;

namespace Berth.Images.Tests;

// import -c, tag, images filters, inspect, history and system df.
public class ImportAndQueryTests
{
    [Fact]
    public void ImportAppliesChangesAndMakesOneLayer()
    {
        using var root = new TempRoot();
        using var store = ImageStore.Open(root.Path);
        var tar = Fixtures.RootfsTar(("bin/app", "#!/bin/sh\n"), ("etc/conf", "c"));

        var id = store.Import(new MemoryStream(tar), "imported:v1",
        [
            "CMD [\"/bin/app\", \"--serve\"]",
            "ENTRYPOINT /bin/sh -c",
            "ENV A=1 B=\"two words\"",
            "ENV LEGACY value with spaces",
            "EXPOSE 80 53/udp",
            "LABEL org.example=\"yes please\" other=1",
            "USER 1000:1000",
            "VOLUME [\"/data\"]",
            "VOLUME /cache /logs",
            "WORKDIR /srv",
        ]);

        var inspect = store.Inspect("imported:v1");
        Assert.Equal(id.ToString(), inspect.Id);
        Assert.Equal(["imported:v1"], inspect.RepoTags);
        Assert.Equal([Digest.Compute(tar).ToString()], inspect.RootFS.Layers);
        var config = inspect.Config!;
        Assert.Equal(["/bin/app", "--serve"], config.Cmd);
        Assert.Equal(["/bin/sh", "-c", "/bin/sh -c"], config.Entrypoint);
        Assert.Equal(["A=1", "B=two words", "LEGACY=value with spaces"], config.Env);
        Assert.Equal(["53/udp", "80/tcp"], config.ExposedPorts!.Keys.Order());
        Assert.Equal("yes please", config.Labels!["org.example"]);
        Assert.Equal("1", config.Labels["other"]);
        Assert.Equal("1000:1000", config.User);
        Assert.Equal(["/cache", "/data", "/logs"], config.Volumes!.Keys.Order());
        Assert.Equal("/srv", config.WorkingDir);
        Assert.Equal("linux", inspect.Os);
        Assert.Equal("c", File.ReadAllText(Path.Combine(store.LowerDirectories("imported:v1")[0], "etc/conf")));

        var history = store.History("imported:v1");
        var only = Assert.Single(history);
        Assert.Equal(id.ToString(), only.Id);
        Assert.Equal("Imported from -", only.Comment);
        Assert.Equal(inspect.Size, only.Size);
        Assert.Equal(0, store.Check(repair: false).Count);
    }

    [Fact]
    public void ImportRejectsUnknownChangesAndLeavesNothing()
    {
        using var root = new TempRoot();
        using var store = ImageStore.Open(root.Path);
        var e = Assert.Throws<InvalidImageInputException>(() =>
            store.Import(new MemoryStream(Fixtures.RootfsTar(("a", "a"))), null, ["RUN echo hi"]));
        Assert.Equal("RUN is not a valid change command", e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(root.Combine("blobs", "sha256")));
    }

    [Fact]
    public void ImportWithoutTagPrintsAnId()
    {
        using var root = new TempRoot();
        using var store = ImageStore.Open(root.Path);
        var id = store.Import(new MemoryStream(Fixtures.RootfsTar(("a", "a"))));
        var listed = Assert.Single(store.List());
        Assert.Equal(id.ToString(), listed.Id);
        Assert.Empty(listed.RepoTags);
    }

    [Fact]
    public void ListFiltersByReferenceLabelBeforeAndSince()
    {
        using var root = new TempRoot();
        using var store = ImageStore.Open(root.Path);
        var early = store.Import(new MemoryStream(Fixtures.RootfsTar(("a", "1"))), "web/frontend:1", ["LABEL tier=web"]);
        Thread.Sleep(20);
        var late = store.Import(new MemoryStream(Fixtures.RootfsTar(("a", "2"))), "db:2", ["LABEL tier=data"]);
        store.Tag("db:2", "localhost:5000/db:2");

        Ids(store, new ImageFilters { References = ["web/*"] }).ShouldBe(early);
        Ids(store, new ImageFilters { References = ["db:2"] }).ShouldBe(late);
        Ids(store, new ImageFilters { Labels = ["tier=data"] }).ShouldBe(late);
        Ids(store, new ImageFilters { Labels = ["tier"] }).ShouldBe(late, early);
        Ids(store, new ImageFilters { Before = "db:2" }).ShouldBe(early);
        Ids(store, new ImageFilters { Since = "web/frontend:1" }).ShouldBe(late);
        Ids(store, new ImageFilters { Dangling = false }).ShouldBe(late, early);

        var e = Assert.Throws<InvalidImageInputException>(() =>
            ImageFilters.FromMap(new Dictionary<string, IReadOnlyList<string>> { ["colour"] = ["red"] }));
        Assert.Equal("invalid filter 'colour'", e.Message);
        var parsed = ImageFilters.FromMap(new Dictionary<string, IReadOnlyList<string>> { ["dangling"] = ["true"] });
        Assert.Empty(store.List(parsed));
    }

    [Fact]
    public void InspectJsonHasDockersShape()
    {
        using var root = new TempRoot();
        using var store = ImageStore.Open(root.Path);
        using (var archive = Fixtures.Open("docker-20.10-save-3layers.tar"))
            store.Load(archive);
        var json = JsonSerializer.Serialize(store.Inspect("fixture:2layers"), ImagesJson.Context.ImageInspect);
        Assert.Contains("\"DockerVersion\":\"20.10.24+dfsg1\"", json);
        using var doc = JsonDocument.Parse(json);
        var rootElement = doc.RootElement;
        foreach (var key in new[] { "Id", "RepoTags", "RepoDigests", "Created", "Config", "Architecture", "Os", "Size", "GraphDriver", "RootFS", "Metadata" })
            Assert.True(rootElement.TryGetProperty(key, out _), $"inspect has no {key}");
        Assert.Equal("layers", rootElement.GetProperty("RootFS").GetProperty("Type").GetString());
        // Nanoseconds kept, as Docker shows them.
        Assert.Equal("2026-11-28T02:49:52.967505501Z", rootElement.GetProperty("Created").GetString());
        Assert.Equal("overlay2", rootElement.GetProperty("GraphDriver").GetProperty("Name").GetString());

        // Three layers plus the ENV and CMD steps, newest first.
        var history = store.History("fixture:2layers");
        Assert.Equal(Fixtures.DockerImageId, history[0].Id);
        Assert.All(history.Skip(1), h => Assert.Equal("<missing>", h.Id));
        Assert.Equal(3, history.Count(h => h.Size > 0 || h.CreatedBy.Contains("RUN") || h.CreatedBy.Contains("ADD")));
    }

    [Fact]
    public void DiskUsageAgreesWithTheDisk()
    {
        using var root = new TempRoot();
        using var store = ImageStore.Open(root.Path);
        using (var archive = Fixtures.Open("docker-20.10-save-3layers.tar"))
            store.Load(archive);
        store.Import(new MemoryStream(Fixtures.RootfsTar(("a", "hello"))), "small");

        var usage = store.DiskUsage();
        var layers = Berth.Storage.Layers.DiskUsage.Of(root.Combine("layers"));
        var blobs = Directory.EnumerateFiles(root.Combine("blobs", "sha256")).Sum(f => new FileInfo(f).Length);
        Assert.Equal(layers, usage.LayersSize);
        Assert.Equal(blobs, usage.BlobsSize);
        Assert.Equal(2, usage.Images.Count);
        Assert.All(usage.Images, i => Assert.Equal(0, i.Containers));
        Assert.Equal(usage.LayersSize, usage.Images.Sum(i => i.Size));
    }

    private static List<string> Ids(ImageStore store, ImageFilters filters) =>
        store.List(filters).Select(i => i.Id).ToList();
}

internal static class ListAssertions
{
    public static void ShouldBe(this List<string> actual, params Digest[] expected) =>
        Assert.Equal(expected.Select(d => d.ToString()).Order(), actual.Order());
}
