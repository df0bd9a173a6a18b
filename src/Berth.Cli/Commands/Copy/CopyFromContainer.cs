using Berth.Api.Models.Containers;
using Berth.Cli.Support;
using Berth.Client;
using Berth.Linux.Native;
using Berth.Linux.Processes;
using Berth.Storage.Archive;

namespace Berth.Cli.Commands.Copy;

// `berth cp CONTAINER:SRC DEST`, as the docker CLI does it: the daemon sends the path as a tar, which is unpacked
// here under the name docker's rules give it. The unpacking refuses any entry that would land outside DEST (".."
// components, writing through a symlink, hard links out) and, as docker's, gives every file to the user running
// the command: -a does not change that for this direction, in docker either.
public static class CopyFromContainer
{
    private const uint GoModeDir = 1u << 31, GoModeSymlink = 1u << 27;

    public static async Task RunAsync(CliContext context, BerthClient client, string container, string source,
        string destination, bool followLink, bool quiet, CancellationToken cancel)
    {
        var target = destination == "-" ? "-" : GoPaths.ResolveLocal(destination);
        ValidateOutputPath(target);
        string? rebaseName = null;
        if (followLink)
        {
            try
            {
                var stat = await client.StatContainerPathAsync(container, source, cancel);
                if ((stat.Mode & GoModeSymlink) != 0)
                {
                    var link = stat.LinkTarget.StartsWith('/') ? stat.LinkTarget
                        : GoPaths.Clean(GoPaths.SplitPathDirEntry(source).Dir + "/" + stat.LinkTarget);
                    (source, rebaseName) = CopyPlan.Rebase(source, link);
                }
            }
            catch (ClientException)
            {
                // As docker: the copy itself reports what is wrong with the path.
            }
        }

        var (pathStat, tar) = await client.GetContainerArchiveAsync(container, source, cancel);
        await using var counted = new CountingStream(tar);
        if (target == "-")
        {
            await using var stdout = StandardStreams.OpenOutput();
            await counted.CopyToAsync(stdout, 64 * 1024, cancel);
            return;
        }

        // The daemon names the top entry after the path's last component ("." for SRC/.).
        var archiveName = GoPaths.SplitPathDirEntry(source).Base;
        var destinationInfo = DestinationInfo(target);
        var (directory, name) = CopyPlan.Prepare((pathStat.Mode & GoModeDir) != 0, destinationInfo);
        var finalName = name ?? rebaseName ?? archiveName;
        var options = new TreeExtractor.Options(NoOverwriteDirNonDir: true,
            Owner: (ProcessCredentials.EffectiveUid, ProcessCredentials.EffectiveGid),
            Rename: finalName != archiveName ? (archiveName, finalName) : null);
        try
        {
            await Task.Run(() => TreeExtractor.Extract(counted, directory, options), cancel);
        }
        catch (Exception e) when (e is InvalidLayerException or SyscallException or IOException or UnauthorizedAccessException)
        {
            throw new CommandFailedException(e.Message);
        }
        if (!quiet) await context.Err.WriteLineAsync(CopyPlan.Summary(counted.Count, target));
    }

    // command.ValidateOutputPath: the parent must exist, and an existing target must be a directory or a file.
    private static void ValidateOutputPath(string path)
    {
        var parent = GoPaths.Dir(GoPaths.Clean(path));
        if (parent is not ("" or ".") && LocalFiles.TryStat(parent, "stat") is null)
            throw new CommandFailedException($"invalid output path: directory \"{parent}\" does not exist");
        if (LocalFiles.TryStat(path, "stat") is { } status && !status.IsDirectory && !status.IsRegular
            && status.Type is Linux.FileSystem.FileStatus.TypeCharDevice or Linux.FileSystem.FileStatus.TypeBlockDevice)
            throw new CommandFailedException($"invalid output path: \"{path}\" must be a directory or a regular file: got a device");
    }

    // archive.CopyInfoDestinationPath: symlinks at the end of the path are followed (a dangling one names what the
    // copy creates); when nothing is there, its parent must be a directory.
    private static CopyInfo DestinationInfo(string path)
    {
        var original = path;
        var status = LocalFiles.TryLstat(path, "lstat");
        for (var n = 0; status is { IsSymlink: true }; n++)
        {
            if (n > 10) throw new CommandFailedException("too many symlinks in " + original);
            path = LocalFiles.Join(path, LocalFiles.ReadLink(path));
            status = LocalFiles.TryLstat(path, "lstat");
        }
        if (status is { } found) return new CopyInfo(path, true, found.IsDirectory);
        var parent = GoPaths.SplitPathDirEntry(path).Dir;
        var parentStatus = LocalFiles.TryStat(parent, "stat")
            ?? throw new CommandFailedException($"stat {parent}: no such file or directory");
        if (!parentStatus.IsDirectory) throw new CommandFailedException("not a directory");
        return new CopyInfo(path, false, false);
    }
}
