using System.Formats.Tar;
using Berth.Linux.FileSystem;
using Berth.Oci;

namespace Berth.Storage.Archive;

// Writes an overlayfs upper directory (or any directory) as an uncompressed
// layer tar with OCI whiteouts: a 0/0 character device becomes ".wh.NAME",
// an opaque directory gets a ".wh..wh..opq" entry. Children are written in
// ordinal order and only file metadata goes into the headers, so the same
// tree always gives the same bytes, and so the same diff ID.
public static class LayerDiffer
{
    // Returns the diff ID: sha256 of the bytes written to output. Regular files named in leaveOut (tar names,
    // e.g. "etc/hosts") are not written, nor a directory whose only entries they are.
    public static Digest Write(string directory, Stream output, IReadOnlySet<string>? leaveOut = null)
    {
        var root = Path.GetFullPath(directory);
        if (FileStatusCalls.TryLstat(root) is not { IsDirectory: true })
            throw new DirectoryNotFoundException($"cannot diff {root}: not a directory");
        using var hashing = new DigestingWriteStream(output);
        using (var writer = new TarWriter(hashing, TarEntryFormat.Pax, leaveOpen: true))
        {
            var walk = new Walk(writer, leaveOut);
            walk.Directory(root, "");
        }
        // TarWriter writes no end-of-archive blocks when it wrote no entry; an empty layer is still a tar.
        if (hashing.Written == 0) hashing.Write(new byte[2 * 512]);
        hashing.Flush();
        return hashing.GetDigest();
    }

    internal sealed class Walk(TarWriter writer, IReadOnlySet<string>? leaveOut = null)
    {
        private readonly Dictionary<(ulong Device, ulong Inode), string> _hardLinks = [];

        public void Directory(string path, string name)
        {
            foreach (var child in Children(path))
                Entry(Path.Combine(path, child), name.Length == 0 ? child : $"{name}/{child}");
        }

        private static IOrderedEnumerable<string> Children(string path) =>
            new DirectoryInfo(path).EnumerateFileSystemInfos().Select(i => i.Name).OrderBy(n => n, StringComparer.Ordinal);

        public void Entry(string path, string name)
        {
            var status = FileStatusCalls.Lstat(path);
            if (LeftOut(path, name, status)) return;
            switch (status.Type)
            {
                case FileStatus.TypeCharDevice when status.RdevMajor == 0 && status.RdevMinor == 0:
                    var slash = name.LastIndexOf('/');
                    var whiteout = name[..(slash + 1)] + Whiteouts.Prefix + name[(slash + 1)..];
                    writer.WriteEntry(Header(TarEntryType.RegularFile, whiteout, status, path, withXattrs: false));
                    return;
                case FileStatus.TypeDirectory:
                    writer.WriteEntry(Header(TarEntryType.Directory, name + "/", status, path));
                    if (ExtendedAttributes.Get(path, Whiteouts.OverlayOpaqueXattr) is [(byte)'y'])
                        writer.WriteEntry(Header(TarEntryType.RegularFile, $"{name}/{Whiteouts.Opaque}", status, path, withXattrs: false));
                    Directory(path, name);
                    return;
                case FileStatus.TypeRegular:
                    if (status.LinkCount > 1)
                    {
                        if (_hardLinks.TryGetValue((status.DeviceId, status.Inode), out var first))
                        {
                            var link = Header(TarEntryType.HardLink, name, status, path);
                            link.LinkName = first;
                            writer.WriteEntry(link);
                            return;
                        }
                        _hardLinks[(status.DeviceId, status.Inode)] = name;
                    }
                    var file = Header(TarEntryType.RegularFile, name, status, path);
                    using (var data = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read))
                    {
                        file.DataStream = data;
                        writer.WriteEntry(file);
                    }
                    return;
                case FileStatus.TypeSymlink:
                    var symlink = Header(TarEntryType.SymbolicLink, name, status, path);
                    symlink.LinkName = new FileInfo(path).LinkTarget ?? "";
                    writer.WriteEntry(symlink);
                    return;
                case FileStatus.TypeCharDevice or FileStatus.TypeBlockDevice:
                    var device = Header(status.Type == FileStatus.TypeCharDevice ? TarEntryType.CharacterDevice : TarEntryType.BlockDevice,
                        name, status, path);
                    device.DeviceMajor = (int)status.RdevMajor;
                    device.DeviceMinor = (int)status.RdevMinor;
                    writer.WriteEntry(device);
                    return;
                case FileStatus.TypeFifo:
                    writer.WriteEntry(Header(TarEntryType.Fifo, name, status, path));
                    return;
                default:
                    return; // sockets are not content (Docker skips them too)
            }
        }

        private bool LeftOut(string path, string name, FileStatus status)
        {
            if (leaveOut is null or { Count: 0 }) return false;
            if (status.Type == FileStatus.TypeRegular) return leaveOut.Contains(name);
            // Only a directory that holds a left-out name is listed again.
            if (status.Type != FileStatus.TypeDirectory || !leaveOut.Any(n => n.StartsWith(name + "/", StringComparison.Ordinal))) return false;
            var children = Children(path).ToList();
            return children.Count > 0 && children.All(child =>
                leaveOut.Contains($"{name}/{child}") && FileStatusCalls.Lstat(Path.Combine(path, child)).Type == FileStatus.TypeRegular);
        }

        private PaxTarEntry Header(TarEntryType type, string name, FileStatus status, string path, bool withXattrs = true)
        {
            // Only the mtime is kept, in whole seconds as Docker's tars have it:
            // atime and ctime change on every read or chown, and sub-second
            // times would not survive a round trip through the tar unchanged.
            var records = new Dictionary<string, string>(StringComparer.Ordinal);
            if (withXattrs)
            {
                foreach (var xattr in ExtendedAttributes.List(path).Order(StringComparer.Ordinal))
                {
                    if (xattr.StartsWith(Whiteouts.OverlayXattrPrefix, StringComparison.Ordinal))
                        continue; // overlayfs's own bookkeeping, expressed as whiteouts instead
                    if (ExtendedAttributes.Get(path, xattr) is { } value)
                        PaxXattrs.Add(records, xattr, value);
                }
            }
            return new PaxTarEntry(type, name, records)
            {
                Uid = (int)status.Uid,
                Gid = (int)status.Gid,
                Mode = (UnixFileMode)status.Permissions,
                ModificationTime = DateTimeOffset.FromUnixTimeSeconds(status.MtimeSeconds),
            };
        }
    }
}
