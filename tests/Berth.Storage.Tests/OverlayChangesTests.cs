using Berth.Linux.FileSystem;
using Berth.Storage.Archive;

namespace Berth.Storage.Tests;

// docker diff's computation: an upper dir against its lower layers.
public class OverlayChangesTests
{
    [Fact]
    public void Upper_entries_are_added_modified_or_deleted_against_the_lowers()
    {
        using var temp = new TempDir();
        var lower = Directory.CreateDirectory(temp.Combine("lower")).FullName;
        Directory.CreateDirectory(Path.Combine(lower, "etc"));
        File.WriteAllText(Path.Combine(lower, "etc/passwd"), "root\n");
        File.WriteAllText(Path.Combine(lower, "gone"), "x");
        var upper = Directory.CreateDirectory(temp.Combine("upper")).FullName;
        Directory.CreateDirectory(Path.Combine(upper, "etc"));
        File.WriteAllText(Path.Combine(upper, "etc/passwd"), "root\nnew\n");
        File.WriteAllText(Path.Combine(upper, "etc/x"), "x");
        FileCalls.Mknod(Path.Combine(upper, "gone"), FileStatus.TypeCharDevice, 0, 0);
        Directory.CreateDirectory(Path.Combine(upper, "new/deeper"));

        var changes = OverlayChanges.Compute(upper, [lower]);

        Assert.Equal(
        [
            new FileChange("/etc", ChangeKind.Modified),
            new FileChange("/etc/passwd", ChangeKind.Modified),
            new FileChange("/etc/x", ChangeKind.Added),
            new FileChange("/gone", ChangeKind.Deleted),
            new FileChange("/new", ChangeKind.Added),
            new FileChange("/new/deeper", ChangeKind.Added),
        ], changes);
    }

    [Fact]
    public void A_path_hidden_by_a_whiteout_or_opaque_dir_in_a_higher_lower_counts_as_added()
    {
        using var temp = new TempDir();
        var bottom = Directory.CreateDirectory(temp.Combine("bottom")).FullName;
        Directory.CreateDirectory(Path.Combine(bottom, "d"));
        File.WriteAllText(Path.Combine(bottom, "d/f"), "x");
        File.WriteAllText(Path.Combine(bottom, "w"), "x");
        var top = Directory.CreateDirectory(temp.Combine("top")).FullName;
        Directory.CreateDirectory(Path.Combine(top, "d"));
        ExtendedAttributes.Set(Path.Combine(top, "d"), "trusted.overlay.opaque", "y"u8);
        FileCalls.Mknod(Path.Combine(top, "w"), FileStatus.TypeCharDevice, 0, 0);
        var upper = Directory.CreateDirectory(temp.Combine("upper")).FullName;
        Directory.CreateDirectory(Path.Combine(upper, "d"));
        File.WriteAllText(Path.Combine(upper, "d/f"), "again");
        File.WriteAllText(Path.Combine(upper, "w"), "again");

        var changes = OverlayChanges.Compute(upper, [top, bottom]);

        Assert.Equal(
        [
            new FileChange("/d", ChangeKind.Modified),
            new FileChange("/d/f", ChangeKind.Added),
            new FileChange("/w", ChangeKind.Added),
        ], changes);
    }
}
