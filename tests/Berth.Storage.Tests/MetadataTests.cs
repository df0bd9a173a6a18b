using System.Formats.Tar;
using Berth.Linux.FileSystem;
using Berth.Storage.Archive;

namespace Berth.Storage.Tests;

// What a layer says about each file is what lands on disk.
public class MetadataTests
{
    private static readonly DateTimeOffset FileTime = new(2021, 3, 4, 5, 6, 7, TimeSpan.Zero);
    private static readonly DateTimeOffset DirTime = new(2019, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void OwnershipModesXattrsDevicesLinksAndTimesAreKept()
    {
        using var temp = new TempDir();
        var layer = Tars.Build(w =>
        {
            w.WriteEntry(new PaxTarEntry(TarEntryType.Directory, "d/") { Mode = (UnixFileMode)0b111_101_000, Uid = 7, Gid = 8, ModificationTime = DirTime });
            w.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "d/suid", new Dictionary<string, string>
            {
                ["SCHILY.xattr.user.note"] = "hello",
                ["LIBARCHIVE.xattr.user.bin"] = Convert.ToBase64String([0xff, 0x00, 0x01]),
            })
            {
                Mode = (UnixFileMode)0b100_111_101_101, // 04755
                Uid = 1000,
                Gid = 1001,
                ModificationTime = FileTime,
                DataStream = new MemoryStream("#!/bin/sh\n"u8.ToArray()),
            });
            w.WriteEntry(new PaxTarEntry(TarEntryType.Directory, "tmp/") { Mode = (UnixFileMode)0b001_111_111_111 }); // 01777
            w.WriteEntry(new PaxTarEntry(TarEntryType.HardLink, "d/suid-link") { LinkName = "d/suid" });
            w.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "d/sym") { LinkName = "suid", Uid = 5, Gid = 6, ModificationTime = FileTime });
            w.WriteEntry(new PaxTarEntry(TarEntryType.CharacterDevice, "dev/null") { DeviceMajor = 1, DeviceMinor = 3, Mode = (UnixFileMode)0b110_110_110 });
            w.WriteEntry(new PaxTarEntry(TarEntryType.BlockDevice, "dev/loop0") { DeviceMajor = 7, DeviceMinor = 0, Mode = (UnixFileMode)0b110_110_000 });
            w.WriteEntry(new PaxTarEntry(TarEntryType.Fifo, "dev/fifo") { Mode = (UnixFileMode)0b110_100_100 });
        });
        var root = temp.Combine("layer");
        var result = LayerApplier.Apply(new MemoryStream(layer), root);
        Assert.Equal(10, result.Size);

        var dir = FileStatusCalls.Lstat(Path.Combine(root, "d"));
        Assert.Equal((FileStatus.TypeDirectory, 0b111_101_000u, 7u, 8u), (dir.Type, dir.Permissions, dir.Uid, dir.Gid));
        Assert.Equal(DirTime, dir.ModificationTime); // set after its contents were written

        var suid = FileStatusCalls.Lstat(Path.Combine(root, "d/suid"));
        Assert.Equal((0b100_111_101_101u, 1000u, 1001u, 2u), (suid.Permissions, suid.Uid, suid.Gid, suid.LinkCount));
        Assert.Equal(FileTime, suid.ModificationTime);
        Assert.Equal("hello"u8.ToArray(), ExtendedAttributes.Get(Path.Combine(root, "d/suid"), "user.note"));
        Assert.Equal(new byte[] { 0xff, 0x00, 0x01 }, ExtendedAttributes.Get(Path.Combine(root, "d/suid"), "user.bin"));
        Assert.Equal(suid.Inode, FileStatusCalls.Lstat(Path.Combine(root, "d/suid-link")).Inode);

        Assert.Equal(0b001_111_111_111u, FileStatusCalls.Lstat(Path.Combine(root, "tmp")).Permissions);

        var sym = FileStatusCalls.Lstat(Path.Combine(root, "d/sym"));
        Assert.Equal((true, 5u, 6u, FileTime), (sym.IsSymlink, sym.Uid, sym.Gid, sym.ModificationTime));

        var nul = FileStatusCalls.Lstat(Path.Combine(root, "dev/null"));
        Assert.Equal((FileStatus.TypeCharDevice, 1u, 3u, 0b110_110_110u), (nul.Type, nul.RdevMajor, nul.RdevMinor, nul.Permissions));
        var loop = FileStatusCalls.Lstat(Path.Combine(root, "dev/loop0"));
        Assert.Equal((FileStatus.TypeBlockDevice, 7u, 0u), (loop.Type, loop.RdevMajor, loop.RdevMinor));
        Assert.Equal(FileStatus.TypeFifo, FileStatusCalls.Lstat(Path.Combine(root, "dev/fifo")).Type);
    }

    [Fact]
    public void LaterEntryReplacesEarlierOneAndDirectoryReplacesFile()
    {
        using var temp = new TempDir();
        var layer = Tars.Build(w =>
        {
            w.File("a", "first");
            w.File("a", "second");
            w.File("b/c", "in dir");
            w.File("b", "file now");
        });
        var root = temp.Combine("layer");
        LayerApplier.Apply(new MemoryStream(layer), root);
        Assert.Equal("second", File.ReadAllText(Path.Combine(root, "a")));
        Assert.Equal("file now", File.ReadAllText(Path.Combine(root, "b")));
    }

    [Fact]
    public void BinarySchilyXattrValuesAreWrittenExactly()
    {
        using var temp = new TempDir();
        // Go and GNU tar write binary values raw; TarWriter cannot, so write a
        // placeholder of the same length and patch the bytes in.
        byte[] binary = [0xff, 0x00, 0x01, 0x80, 0x41];
        var layer = Tars.Build(w => w.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "cap", new Dictionary<string, string>
        {
            ["SCHILY.xattr.user.bin"] = "PLACE",
        }) { DataStream = new MemoryStream("x"u8.ToArray()) }));
        var at = layer.AsSpan().IndexOf("SCHILY.xattr.user.bin=PLACE\n"u8) + "SCHILY.xattr.user.bin="u8.Length;
        binary.CopyTo(layer.AsSpan(at));

        LayerApplier.Apply(new MemoryStream(layer), temp.Combine("layer"));
        Assert.Equal(binary, ExtendedAttributes.Get(temp.Combine("layer", "cap"), "user.bin"));
    }
}
