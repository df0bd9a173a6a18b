using System.Diagnostics;
using Berth.Linux.FileSystem;

namespace Berth.Linux.Tests.FileSystem;

public class TopDirectoryTests
{
    // On the file system of the test's own temp directory (ext4 on the build machines), lsattr shows the T flag.
    [Fact]
    public void A_marked_directory_is_the_top_of_a_hierarchy()
    {
        var dir = Directory.CreateTempSubdirectory("berth-topdir-");
        try
        {
            Assert.DoesNotContain('T', Attributes(dir.FullName));
            TopDirectory.Mark(dir.FullName);
            TopDirectory.Mark(dir.FullName); // already marked: nothing changes
            Assert.Contains('T', Attributes(dir.FullName));
        }
        finally
        {
            dir.Delete();
        }
    }

    [Fact]
    public void A_missing_directory_is_left_alone()
    {
        TopDirectory.Mark(Path.Combine(Path.GetTempPath(), $"berth-topdir-missing-{Guid.NewGuid():N}"));
    }

    private static string Attributes(string path)
    {
        using var lsattr = Process.Start(new ProcessStartInfo("lsattr", ["-d", path]) { RedirectStandardOutput = true })!;
        var output = lsattr.StandardOutput.ReadToEnd();
        lsattr.WaitForExit();
        Assert.Equal(0, lsattr.ExitCode);
        return output.Split(' ')[0];
    }
}
