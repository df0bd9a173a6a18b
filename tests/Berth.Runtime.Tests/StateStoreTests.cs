using System.Text;
using Berth.Runtime.State;

namespace Berth.Runtime.Tests;

public sealed class StateStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "berth-state-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public void RecordRoundTripsWithItsSpec()
    {
        var store = new StateStore(_root);
        store.CreateDir("c1");
        var spec = Encoding.UTF8.GetBytes("""{"root": {"path": "rootfs"}, "annotations": {"a": "b"}}""");
        var created = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        store.Save(new ContainerRecord { Id = "c1", Bundle = "/b", Rootfs = "/b/rootfs", Pid = 42, PidStartTime = 99, Created = created, CgroupsPath = "/berth/c1", SpecJson = spec });
        var back = store.Load("c1");
        Assert.Equal((42, 99UL, "/berth/c1", created), (back.Pid, back.PidStartTime, back.CgroupsPath, back.Created));
        Assert.Equal("b", back.Spec.Annotations!["a"]);
        Assert.Equal(spec, back.SpecJson);
    }

    [Fact]
    public void AnIdIsClaimedOnce()
    {
        var store = new StateStore(_root);
        store.CreateDir("dup");
        var e = Assert.Throws<RuntimeException>(() => store.CreateDir("dup"));
        Assert.Contains("already exists", e.Message);
    }

    [Theory]
    [InlineData("../etc")]
    [InlineData("a/b")]
    [InlineData("")]
    [InlineData(".hidden")]
    public void BadIdsAreRejected(string id) => Assert.Throws<RuntimeException>(() => StateStore.ValidateId(id));

    [Fact]
    public void MissingContainerIsAClearError()
    {
        var e = Assert.Throws<RuntimeException>(() => new StateStore(_root).Load("nope"));
        Assert.Equal("container \"nope\" does not exist", e.Message);
    }

    [Fact]
    public void ADeadPidMeansStopped()
    {
        var store = new StateStore(_root);
        var record = new ContainerRecord { Id = "x", Pid = Environment.ProcessId, PidStartTime = 1 };
        Assert.Equal(ContainerStatus.Stopped, ContainerStatus.Of(record, store));
    }
}
