using System.Formats.Tar;
using Berth.Linux.FileSystem;
using Berth.Storage.Archive;

namespace Berth.Storage.Tests;

// Diffing an overlay upper dir gives OCI whiteouts back, deterministically.
public class DifferTests
{
    private static byte[] Diff(string directory, out Berth.Oci.Digest diffId)
    {
        using var output = new MemoryStream();
        diffId = LayerDiffer.Write(directory, output);
        var bytes = output.ToArray();
        Assert.Equal(Berth.Oci.Digest.Compute(bytes), diffId);
        return bytes;
    }

    private static string MakeUpperDir(TempDir temp)
    {
        var upper = Directory.CreateDirectory(temp.Combine("upper")).FullName;
        Directory.CreateDirectory(Path.Combine(upper, "etc"));
        File.WriteAllText(Path.Combine(upper, "etc/hosts"), "127.0.0.1 localhost\n");
        FileCalls.HardLink(Path.Combine(upper, "etc/hosts"), Path.Combine(upper, "etc/hosts.bak"));
        FileCalls.Mknod(Path.Combine(upper, "etc/gone"), FileStatus.TypeCharDevice, 0, 0);
        Directory.CreateDirectory(Path.Combine(upper, "opaque"));
        File.WriteAllText(Path.Combine(upper, "opaque/only"), "only\n");
        ExtendedAttributes.Set(Path.Combine(upper, "opaque"), "trusted.overlay.opaque", "y"u8);
        ExtendedAttributes.Set(Path.Combine(upper, "etc/hosts"), "user.origin", "test"u8);
        File.CreateSymbolicLink(Path.Combine(upper, "link"), "/etc/hosts");
        FileCalls.Mknod(Path.Combine(upper, "fifo"), FileStatus.TypeFifo, 0, 0);
        FileCalls.Lchown(Path.Combine(upper, "etc/hosts"), 1000, 1000);
        FileCalls.Chmod(Path.Combine(upper, "etc/hosts"), 0b100_111_101_101);
        FileCalls.SetTimesNoFollow(Path.Combine(upper, "etc/hosts"),
            DateTimeOffset.FromUnixTimeSeconds(1_600_000_000), DateTimeOffset.FromUnixTimeSeconds(1_600_000_000).AddTicks(1234567));
        return upper;
    }

    [Fact]
    public void LeftOutFilesAndTheDirectoryTheyAloneFillAreNotWritten()
    {
        using var temp = new TempDir();
        var upper = Directory.CreateDirectory(temp.Combine("upper")).FullName;
        Directory.CreateDirectory(Path.Combine(upper, "etc"));
        File.WriteAllText(Path.Combine(upper, "etc/hostname"), "");
        Directory.CreateDirectory(Path.Combine(upper, "var/etc"));
        File.WriteAllText(Path.Combine(upper, "var/etc/hostname"), "kept: not a left-out name\n");
        HashSet<string> leaveOut = ["etc/hostname", "etc/hosts"];

        using (var output = new MemoryStream())
        {
            LayerDiffer.Write(upper, output, leaveOut);
            Assert.Equal(["var/", "var/etc/", "var/etc/hostname"], Tars.Read(output.ToArray()).Select(e => e.Name));
        }

        File.WriteAllText(Path.Combine(upper, "etc/x"), "x\n");
        using (var output = new MemoryStream())
        {
            LayerDiffer.Write(upper, output, leaveOut);
            Assert.Equal(["etc/", "etc/x", "var/", "var/etc/", "var/etc/hostname"], Tars.Read(output.ToArray()).Select(e => e.Name));
        }
    }

    [Fact]
    public void AnEmptyDirectoryGivesTheEmptyTarDockerUses()
    {
        using var temp = new TempDir();
        var upper = Directory.CreateDirectory(temp.Combine("upper")).FullName;
        File.WriteAllText(Path.Combine(upper, "stub"), "");

        Diff(Directory.CreateDirectory(temp.Combine("empty")).FullName, out var emptyId);
        using var output = new MemoryStream();
        var leftOutId = LayerDiffer.Write(upper, output, new HashSet<string> { "stub" });

        var dockerEmptyTar = Berth.Oci.Digest.Parse("sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef");
        Assert.Equal(dockerEmptyTar, emptyId);
        Assert.Equal(dockerEmptyTar, leftOutId);
    }

    [Fact]
    public void UpperDirBecomesOciWhiteoutsInSortedOrder()
    {
        using var temp = new TempDir();
        var upper = MakeUpperDir(temp);

        var entries = Tars.Read(Diff(upper, out _));

        Assert.Equal(
            ["etc/", "etc/.wh.gone", "etc/hosts", "etc/hosts.bak", "fifo", "link", "opaque/", "opaque/.wh..wh..opq", "opaque/only"],
            entries.Select(e => e.Name));
        var hosts = entries.Single(e => e.Name == "etc/hosts");
        Assert.Equal((1000, 1000, (UnixFileMode)0b100_111_101_101), (hosts.Uid, hosts.Gid, hosts.Mode));
        Assert.Equal("test", hosts.ExtendedAttributes["SCHILY.xattr.user.origin"]);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_600_000_000), hosts.ModificationTime);
        Assert.Equal(["SCHILY.xattr.user.origin", "mtime", "path"], hosts.ExtendedAttributes.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((TarEntryType.HardLink, "etc/hosts"), (entries.Single(e => e.Name == "etc/hosts.bak").EntryType,
            entries.Single(e => e.Name == "etc/hosts.bak").LinkName));
        Assert.Equal("/etc/hosts", entries.Single(e => e.Name == "link").LinkName);
        Assert.Equal(TarEntryType.Fifo, entries.Single(e => e.Name == "fifo").EntryType);
        Assert.DoesNotContain(entries, e => e.ExtendedAttributes.Keys.Any(k => k.Contains("trusted.overlay")));
        Assert.DoesNotContain(entries, e => e.ExtendedAttributes.ContainsKey("atime") || e.ExtendedAttributes.ContainsKey("ctime"));
    }

    [Fact]
    public void DiffAppliedAndDiffedAgainGivesTheSameDiffId()
    {
        using var temp = new TempDir();
        var upper = MakeUpperDir(temp);
        var first = Diff(upper, out var firstId);

        var applied = LayerApplier.Apply(new MemoryStream(first), temp.Combine("applied"));
        Assert.Equal(firstId, applied.DiffId);
        Assert.Equal(FileStatus.TypeCharDevice, FileStatusCalls.Lstat(temp.Combine("applied", "etc/gone")).Type);
        Assert.Equal("y"u8.ToArray(), ExtendedAttributes.Get(temp.Combine("applied", "opaque"), "trusted.overlay.opaque"));

        // Reading files changed their atimes; the diff must not care.
        Diff(temp.Combine("applied"), out var secondId);
        Diff(upper, out var thirdId);
        Assert.Equal(firstId, secondId);
        Assert.Equal(firstId, thirdId);
    }

    [Fact]
    public void FixtureWhiteoutLayerDiffsBackToItsWhiteouts()
    {
        using var temp = new TempDir();
        LayerApplier.Apply(new MemoryStream(Fixture.Layers[1]), temp.Combine("l2"));
        LayerApplier.Apply(new MemoryStream(Fixture.Layers[2]), temp.Combine("l3"));

        var l2 = Tars.Read(Diff(temp.Combine("l2"), out _)).Select(e => e.Name).ToList();
        Assert.Equal(["bin/", "bin/.wh.vi", "data/", "data/link", "data/sub/", "data/sub/file", "home/", "home/.wh.user"], l2);
        var l3 = Tars.Read(Diff(temp.Combine("l3"), out _)).Select(e => e.Name).ToList();
        Assert.Equal(["data/", "data/sub/", "data/sub/.wh..wh..opq", "data/sub/new"], l3);
    }
}
