using System.Formats.Tar;
using Berth.Linux.FileSystem;
using Berth.Linux.Native;

namespace Berth.Storage.Archive;

// Writes tar entries under a root that only this writer touches. Every parent
// of every entry is checked with lstat to be a real directory, so nothing is
// ever written through a symlink; since no one else writes to the root, the
// check cannot be raced. A layer's ".wh." entries are whiteouts; a plain tree (docker cp) takes them as the files
// they are named.
internal sealed class LayerTreeWriter(string root, bool whiteouts = true)
{
    private const int Enotsup = 95;
    public const uint ImplicitDirectoryMode = 0b111_101_101; // 0755, as Docker makes missing parents

    private readonly Dictionary<string, (DateTimeOffset Access, DateTimeOffset Modified)> _directoryTimes = new(StringComparer.Ordinal);

    public long ContentSize { get; private set; }

    public void Write(TarEntry entry, IReadOnlyDictionary<string, byte[]> rawXattrs)
    {
        switch (entry.EntryType)
        {
            case TarEntryType.GlobalExtendedAttributes:
                return;
            case TarEntryType.SparseFile or TarEntryType.MultiVolume or TarEntryType.TapeVolume
                or TarEntryType.RenamedOrSymlinked or TarEntryType.DirectoryList:
                throw new InvalidLayerException($"layer entry \"{entry.Name}\" has an unsupported tar type {entry.EntryType}");
        }

        var parts = LayerPath.Split(entry.Name, "layer entry");
        if (parts.Length == 0)
        {
            if (entry.EntryType != TarEntryType.Directory)
                throw new InvalidLayerException($"layer entry \"{entry.Name}\" names the layer root but is not a directory");
            ApplyMetadata(entry, rawXattrs, root, isDirectory: true);
            return;
        }

        var name = parts[^1];
        var directory = EnsureParentDirectories(entry.Name, parts);
        if (whiteouts && name.StartsWith(Whiteouts.Prefix, StringComparison.Ordinal))
        {
            WriteWhiteout(entry, directory, name);
            return;
        }

        var path = Path.Combine(directory, name);
        var existing = FileStatusCalls.TryLstat(path);
        var isDirectory = entry.EntryType == TarEntryType.Directory;
        if (existing is { } old && !(old.IsDirectory && isDirectory))
            Remove(path, old);

        switch (entry.EntryType)
        {
            case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                using (var file = new FileStream(path, new FileStreamOptions
                       {
                           Mode = FileMode.CreateNew, // O_EXCL: fails rather than follow anything at path
                           Access = FileAccess.Write,
                       }))
                {
                    entry.DataStream?.CopyTo(file);
                }
                ContentSize += entry.Length;
                break;
            case TarEntryType.Directory:
                if (existing is null)
                    FileCalls.Mkdir(path, ImplicitDirectoryMode);
                break;
            case TarEntryType.SymbolicLink:
                CheckSymlinkTarget(entry, parts);
                File.CreateSymbolicLink(path, entry.LinkName);
                break;
            case TarEntryType.HardLink:
                FileCalls.HardLink(ResolveHardLinkTarget(entry), path);
                return; // the link shares the target's inode and metadata
            case TarEntryType.CharacterDevice or TarEntryType.BlockDevice when entry is PosixTarEntry device:
                var type = device.EntryType == TarEntryType.CharacterDevice ? FileStatus.TypeCharDevice : FileStatus.TypeBlockDevice;
                FileCalls.Mknod(path, type, (uint)device.DeviceMajor, (uint)device.DeviceMinor);
                break;
            case TarEntryType.Fifo:
                FileCalls.Mknod(path, FileStatus.TypeFifo, 0, 0);
                break;
            default:
                throw new InvalidLayerException($"layer entry \"{entry.Name}\" has an unsupported tar type {entry.EntryType}");
        }
        ApplyMetadata(entry, rawXattrs, path, isDirectory);
    }

    // Directory times last: creating their contents would change them again.
    public void Finish()
    {
        foreach (var (path, times) in _directoryTimes.OrderByDescending(d => d.Key.Length))
            FileCalls.SetTimesNoFollow(path, times.Access, times.Modified);
    }

    private string EnsureParentDirectories(string entryName, string[] parts)
    {
        var current = root;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            current = Path.Combine(current, parts[i]);
            var status = FileStatusCalls.TryLstat(current);
            if (status is null)
            {
                FileCalls.Mkdir(current, ImplicitDirectoryMode);
                FileCalls.Chmod(current, ImplicitDirectoryMode); // not narrowed by the umask
                continue;
            }
            if (status.Value.IsSymlink)
                throw new InvalidLayerException(
                    $"layer entry \"{entryName}\" would be written through the symlink \"{string.Join('/', parts[..(i + 1)])}\"; a layer cannot write through symlinks");
            if (!status.Value.IsDirectory)
                throw new InvalidLayerException(
                    $"layer entry \"{entryName}\" needs \"{string.Join('/', parts[..(i + 1)])}\" to be a directory, but it is not");
        }
        return current;
    }

    private void WriteWhiteout(TarEntry entry, string directory, string name)
    {
        if (name == Whiteouts.Opaque)
        {
            // Hides everything below this directory in lower layers.
            ExtendedAttributes.Set(directory, Whiteouts.OverlayOpaqueXattr, "y"u8);
            return;
        }
        if (name.StartsWith(Whiteouts.MetaPrefix, StringComparison.Ordinal))
            return; // aufs bookkeeping (.wh..wh.plnk, .wh..wh.aufs): meaningless to overlayfs
        var hidden = name[Whiteouts.Prefix.Length..];
        if (hidden is "" or "." )
            throw new InvalidLayerException($"layer entry \"{entry.Name}\" is a whiteout of nothing");
        var path = Path.Combine(directory, hidden);
        if (FileStatusCalls.TryLstat(path) is { } old)
            Remove(path, old);
        // overlayfs's whiteout: a character device with device number 0/0.
        FileCalls.Mknod(path, FileStatus.TypeCharDevice, 0, 0);
        FileCalls.Lchown(path, (uint)entry.Uid, (uint)entry.Gid);
        // The whiteout keeps the entry's time, so diffing the applied layer gives back the same tar.
        FileCalls.SetTimesNoFollow(path, entry.ModificationTime, entry.ModificationTime);
    }

    // Docker's rule: a relative symlink target must stay inside the layer when
    // read from the link's directory. An absolute one always does, because the
    // container resolves it against its own root.
    private static void CheckSymlinkTarget(TarEntry entry, string[] parts)
    {
        var target = entry.LinkName;
        if (string.IsNullOrEmpty(target) || target.Contains('\0'))
            throw new InvalidLayerException($"symlink \"{entry.Name}\" has an empty or invalid target");
        if (target.StartsWith('/'))
            return;
        var depth = parts.Length - 1;
        foreach (var part in target.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            depth += part switch { ".." => -1, "." => 0, _ => 1 };
            if (depth < 0)
                throw new InvalidLayerException(
                    $"symlink \"{entry.Name}\" -> \"{target}\" points outside the layer root");
        }
    }

    // Hard links may only point at something this layer already wrote, reached
    // without passing through a symlink.
    private string ResolveHardLinkTarget(TarEntry entry)
    {
        var parts = LayerPath.Split(entry.LinkName, $"hard link \"{entry.Name}\" target");
        if (parts.Length == 0)
            throw new InvalidLayerException($"hard link \"{entry.Name}\" points at the layer root");
        var current = root;
        for (var i = 0; i < parts.Length; i++)
        {
            current = Path.Combine(current, parts[i]);
            var status = FileStatusCalls.TryLstat(current)
                ?? throw new InvalidLayerException(
                    $"hard link \"{entry.Name}\" -> \"{entry.LinkName}\" points at something not in this layer");
            var last = i == parts.Length - 1;
            if (!last && status.IsSymlink)
                throw new InvalidLayerException(
                    $"hard link \"{entry.Name}\" -> \"{entry.LinkName}\" goes through the symlink \"{string.Join('/', parts[..(i + 1)])}\"");
            if (last && status.IsDirectory)
                throw new InvalidLayerException($"hard link \"{entry.Name}\" -> \"{entry.LinkName}\" points at a directory");
            if (!last && !status.IsDirectory)
                throw new InvalidLayerException(
                    $"hard link \"{entry.Name}\" -> \"{entry.LinkName}\" points at something not in this layer");
        }
        return current;
    }

    private void ApplyMetadata(TarEntry entry, IReadOnlyDictionary<string, byte[]> rawXattrs, string path, bool isDirectory)
    {
        // chown before chmod: chown clears setuid and setgid bits.
        FileCalls.Lchown(path, (uint)entry.Uid, (uint)entry.Gid);
        if (entry.EntryType != TarEntryType.SymbolicLink)
            FileCalls.Chmod(path, (uint)entry.Mode & 0xFFF);

        foreach (var (name, value) in PaxXattrs.Read(entry, rawXattrs))
        {
            // A layer must not steer overlayfs (opaque, redirect, metacopy):
            // only whiteout entries may set overlay attributes.
            if (name.StartsWith(Whiteouts.OverlayXattrPrefix, StringComparison.Ordinal))
                continue;
            try
            {
                ExtendedAttributes.Set(path, name, value);
            }
            catch (SyscallException e) when (e.Errno == Enotsup)
            {
                // Docker skips what the backing filesystem cannot store.
            }
        }

        var modified = entry.ModificationTime;
        var accessed = entry switch
        {
            PaxTarEntry pax when pax.ExtendedAttributes.TryGetValue("atime", out var atime) => PaxAccessTime(atime, modified),
            GnuTarEntry gnu when gnu.AccessTime != default => gnu.AccessTime,
            _ => modified,
        };
        if (isDirectory)
            _directoryTimes[path] = (accessed, modified);
        else
            FileCalls.SetTimesNoFollow(path, accessed, modified);
    }

    private static DateTimeOffset PaxAccessTime(string value, DateTimeOffset fallback) =>
        decimal.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond))
            : fallback;

    private static void Remove(string path, FileStatus status)
    {
        if (status.IsDirectory)
            Directory.Delete(path, recursive: true);
        else
            File.Delete(path); // unlinks a symlink itself
    }
}
