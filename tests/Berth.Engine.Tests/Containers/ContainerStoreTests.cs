using Berth.Engine.Containers;

namespace Berth.Engine.Tests.Containers;

public sealed class ContainerStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("berth-store-").FullName;
    private readonly DeferredDiskWork _deferred = new(_ => { });

    public void Dispose()
    {
        _deferred.Drain(TimeSpan.FromSeconds(10));
        Directory.Delete(_root, recursive: true);
    }

    private static ContainerRecord Record(string id) => new() { Id = id, Name = "n" + id[..4] };

    [Fact]
    public void A_saved_record_is_loaded_whole()
    {
        var store = new ContainerStore(_root, _deferred);
        var id = ContainerIds.New();
        Directory.CreateDirectory(store.DirectoryOf(id));
        store.Save(Record(id));
        var r = Record(id);
        r.Status = "exited";
        store.Save(r);

        var (records, problems) = store.LoadAll();
        Assert.Empty(problems);
        Assert.Equal("exited", Assert.Single(records).Status);
        Assert.False(File.Exists(Path.Combine(store.DirectoryOf(id), "container.json.tmp")));
    }

    [Fact]
    public void A_retired_container_is_gone_from_the_store_at_once_and_waits_in_its_own_directory()
    {
        var store = new ContainerStore(_root, _deferred);
        var id = ContainerIds.New();
        Directory.CreateDirectory(store.DirectoryOf(id));
        store.Save(Record(id));
        File.WriteAllText(Path.Combine(store.DirectoryOf(id), "log"), "x");

        var retired = store.Retire(id);

        Assert.NotNull(retired);
        Assert.False(Directory.Exists(store.DirectoryOf(id)));
        Assert.Empty(store.LoadAll().Records);
        Assert.Equal([retired], store.Retired());
        Assert.True(File.Exists(Path.Combine(retired, "log")));
        Assert.Null(store.Retire(id));
    }

    [Fact]
    public void Drain_finishes_queued_work_and_later_work_runs_at_once()
    {
        var deferred = new DeferredDiskWork(_ => { });
        var done = new List<int>();
        for (var i = 0; i < 100; i++)
        {
            var n = i;
            deferred.Enqueue(() => { lock (done) done.Add(n); });
        }
        deferred.Drain(TimeSpan.FromSeconds(30));
        Assert.Equal(Enumerable.Range(0, 100), done);
        deferred.Enqueue(() => done.Add(100));
        Assert.Equal(101, done.Count);
    }
}
