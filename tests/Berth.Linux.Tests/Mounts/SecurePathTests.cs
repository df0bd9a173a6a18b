using Berth.Linux.Mounts;

namespace Berth.Linux.Tests.Mounts;

public sealed class SecurePathTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("berth-securepath-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void PlainPathIsJoined() => Assert.Equal(_root + "/etc/passwd", SecurePath.Join(_root, "/etc/passwd"));

    [Fact]
    public void DotDotCannotClimbAboveRoot() => Assert.Equal(_root + "/etc", SecurePath.Join(_root, "/../../../etc"));

    [Fact]
    public void AbsoluteSymlinkIsResolvedInsideRoot()
    {
        Directory.CreateDirectory(Path.Combine(_root, "real"));
        File.CreateSymbolicLink(Path.Combine(_root, "link"), "/real");
        Assert.Equal(_root + "/real/x", SecurePath.Join(_root, "/link/x"));
    }

    [Fact]
    public void SymlinkToHostRootStaysInside()
    {
        File.CreateSymbolicLink(Path.Combine(_root, "escape"), "/");
        File.CreateSymbolicLink(Path.Combine(_root, "up"), "../../../../..");
        Assert.Equal(_root + "/etc/shadow", SecurePath.Join(_root, "/escape/etc/shadow"));
        Assert.Equal(_root + "/etc", SecurePath.Join(_root, "/up/etc"));
    }

    [Fact]
    public void RelativeSymlinkIsFollowedFromItsDirectory()
    {
        Directory.CreateDirectory(Path.Combine(_root, "a/b"));
        File.CreateSymbolicLink(Path.Combine(_root, "a/link"), "b");
        Assert.Equal(_root + "/a/b/f", SecurePath.Join(_root, "/a/link/f"));
    }

    [Fact]
    public void SymlinkLoopIsAnError()
    {
        File.CreateSymbolicLink(Path.Combine(_root, "loop"), "loop");
        Assert.Throws<LinuxException>(() => SecurePath.Join(_root, "/loop/x"));
    }
}
