using Berth.Linux;
using Berth.Linux.FileSystem;
using Berth.Linux.Native;

namespace Berth.Engine.Volumes;

// Fills a new, empty volume with what the image has at the volume's mount point, as Docker does on first use:
// files, directories, symlinks, device nodes and fifos keep their owner, mode, extended attributes and
// modification time, hard links stay links, and the volume's root takes the owner and mode of the image's directory.
public static class VolumeCopier
{
    // True when something was copied; false when the source is missing or not a directory, or the volume has content.
    public static bool CopyIfEmpty(string source, string volumeData)
    {
        var st = FileStatusCalls.TryLstat(source);
        if (st is not { IsDirectory: true }) return false;
        if (Directory.EnumerateFileSystemEntries(volumeData).Any()) return false;
        var links = new Dictionary<(ulong Device, ulong Inode), string>();
        foreach (var entry in Directory.EnumerateFileSystemEntries(source))
            CopyEntry(entry, Path.Combine(volumeData, Path.GetFileName(entry)), links);
        CopyMetadata(source, volumeData, st.Value);
        return true;
    }

    private static void CopyEntry(string from, string to, Dictionary<(ulong, ulong), string> links)
    {
        var st = FileStatusCalls.Lstat(from);
        if (!st.IsDirectory && st.LinkCount > 1)
        {
            if (links.TryGetValue((st.DeviceId, st.Inode), out var first))
            {
                FileCalls.HardLink(first, to);
                return;
            }
            links[(st.DeviceId, st.Inode)] = to;
        }
        switch (st.Type)
        {
            case FileStatus.TypeDirectory:
                FileCalls.Mkdir(to, 0x1C0); // 0700 until its own mode is copied
                foreach (var entry in Directory.EnumerateFileSystemEntries(from))
                    CopyEntry(entry, Path.Combine(to, Path.GetFileName(entry)), links);
                break;
            case FileStatus.TypeRegular:
                File.Copy(from, to);
                break;
            case FileStatus.TypeSymlink:
                File.CreateSymbolicLink(to, new FileInfo(from).LinkTarget ?? "");
                break;
            case FileStatus.TypeCharDevice or FileStatus.TypeBlockDevice or FileStatus.TypeFifo:
                FileCalls.Mknod(to, st.Type, st.RdevMajor, st.RdevMinor);
                break;
            default:
                return; // a socket means nothing without its listener
        }
        CopyMetadata(from, to, st);
    }

    private static void CopyMetadata(string from, string to, FileStatus st)
    {
        FileCalls.Lchown(to, st.Uid, st.Gid);
        // chmod after chown: chown clears setuid/setgid bits.
        if (!st.IsSymlink) FileCalls.Chmod(to, st.Permissions);
        foreach (var name in SafeList(from))
        {
            if (ExtendedAttributes.Get(from, name) is { } value)
            {
                try { ExtendedAttributes.Set(to, name, value); }
                catch (SyscallException) when (!name.StartsWith("user.", StringComparison.Ordinal)) { } // trusted/security ones a filesystem may refuse
            }
        }
        FileCalls.SetTimesNoFollow(to, st.ModificationTime, st.ModificationTime);
    }

    private static IReadOnlyList<string> SafeList(string path)
    {
        try { return ExtendedAttributes.List(path); }
        catch (SyscallException) { return []; }
    }
}
