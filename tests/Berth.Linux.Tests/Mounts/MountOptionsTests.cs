using Berth.Linux.Mounts;
using Berth.Linux.Native;

namespace Berth.Linux.Tests.Mounts;

public class MountOptionsTests
{
    [Fact]
    public void FlagsPropagationAndDataAreSeparated()
    {
        var o = MountOptions.Parse(["nosuid", "noexec", "rprivate", "mode=755", "size=65536k", "ro"]);
        Assert.Equal(MountFlags.NoSuid | MountFlags.NoExec | MountFlags.ReadOnly, o.Flags);
        Assert.Equal([MountFlags.Private | MountFlags.Rec], o.Propagation);
        Assert.Equal("mode=755,size=65536k", o.Data);
        Assert.False(o.Bind);
    }

    [Fact]
    public void LaterOptionWinsOverEarlierOne()
    {
        Assert.Equal(0UL, MountOptions.Parse(["ro", "rw"]).Flags);
        Assert.Equal(MountFlags.NoDev, MountOptions.Parse(["dev", "nodev"]).Flags);
    }

    [Theory]
    [InlineData("bind", false)]
    [InlineData("rbind", true)]
    public void BindAndRecursiveBind(string option, bool recursive)
    {
        var o = MountOptions.Parse([option, "ro"]);
        Assert.True(o.Bind);
        Assert.Equal(recursive, o.Recursive);
        Assert.True(o.ReadOnly);
    }

    [Fact]
    public void UnsupportedOptionIsAClearError()
    {
        var e = Assert.Throws<LinuxException>(() => MountOptions.Parse(["idmap"]));
        Assert.Contains("not supported yet", e.Message);
    }

    [Fact]
    public void PropagationWords()
    {
        Assert.Equal(MountFlags.Shared | MountFlags.Rec, MountOptions.ParsePropagation("rshared"));
        Assert.Null(MountOptions.ParsePropagation("sideways"));
    }
}
