using Berth.Engine.Containers.Archive;

namespace Berth.Engine.Tests.Containers;

// The pieces of docker cp's path-stat header and path resolution.
public class ContainerPathStatTests
{
    [Theory]
    [InlineData(0x41EDu, 0x800001EDu)] // drwxr-xr-x -> ModeDir|0755
    [InlineData(0x81A4u, 0x1A4u)] // -rw-r--r--
    [InlineData(0xA1FFu, 0x080001FFu)] // symlink 0777
    [InlineData(0x2000u | 0x1B6u, 0x042001B6u)] // char device: ModeDevice|ModeCharDevice
    [InlineData(0x1000u | 0x1A4u, 0x020001A4u)] // fifo
    [InlineData(0x8000u | 0xDEDu, 0x00C001EDu)] // setuid+setgid 0755 (no sticky)
    [InlineData(0x4000u | 0x3FFu, 0x801001FFu)] // sticky dir 1777
    public void Unix_modes_become_go_file_modes(uint unix, uint go) => Assert.Equal(go, GoFileMode.FromUnix(unix));

    [Theory]
    [InlineData("etc", "/etc")]
    [InlineData("/etc/", "/etc/")]
    [InlineData("/etc/.", "/etc/.")]
    [InlineData("/a/../../etc//passwd", "/etc/passwd")]
    [InlineData("/", "/")]
    [InlineData(".", "/.")]
    [InlineData("/..", "/")]
    public void Paths_are_cleaned_keeping_a_trailing_slash_or_dot(string path, string cleaned) =>
        Assert.Equal(cleaned, ContainerPath.Clean(path));

    [Fact]
    public void Symlinks_resolve_inside_the_root_and_the_last_one_is_kept()
    {
        var root = Directory.CreateTempSubdirectory("berth-cp-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "real"));
            File.WriteAllText(Path.Combine(root, "real/f"), "x");
            File.CreateSymbolicLink(Path.Combine(root, "dir"), "/real");
            File.CreateSymbolicLink(Path.Combine(root, "escape"), "../../../../etc");

            Assert.Equal(Path.Combine(root, "real/f"), ContainerPath.Resolve(root, "/dir/f").Host);
            var link = ContainerPath.Resolve(root, "/dir");
            Assert.Equal(Path.Combine(root, "dir"), link.Host);
            Assert.Equal("dir", link.Name);
            var followed = ContainerPath.Resolve(root, "/dir/.");
            Assert.Equal(Path.Combine(root, "real"), followed.Host);
            Assert.Equal(".", followed.Name);
            Assert.Equal(Path.Combine(root, "etc/passwd"), ContainerPath.Resolve(root, "/escape/passwd").Host);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
