using System.IO.Pipelines;
using Berth.Cli.Support;
using Berth.Client;
using Berth.Linux.Native;
using Berth.Storage.Archive;

namespace Berth.Cli.Commands.Copy;

// `berth cp SRC CONTAINER:DEST` (or `- CONTAINER:DEST`), as the docker CLI does it: the destination is stat'ed in
// the container, the local path is sent as a tar whose top entry already has the name docker's rules give it, and
// the daemon unpacks it into DEST or DEST's parent. Files keep the local owner unless -a asks the daemon to give
// them to the container's user, which is what dockerd does with docker's tar.
public static class CopyToContainer
{
    private const uint GoModeDir = 1u << 31, GoModeSymlink = 1u << 27, GoModeDevice = 1u << 26, GoModeIrregular = 1u << 19;

    public static async Task RunAsync(CliContext context, BerthClient client, string source, string container,
        string destination, bool followLink, bool copyUidGid, bool quiet, CancellationToken cancel)
    {
        var destinationInfo = await DestinationInfoAsync(client, container, destination, cancel);
        if (source == "-")
        {
            if (!destinationInfo.IsDir)
                throw new CommandFailedException($"destination \"{container}:{destination}\" must be a directory");
            await using var input = StandardStreams.OpenInput();
            await client.PutContainerArchiveAsync(container, destinationInfo.Path, input, noOverwriteDirNonDir: true, copyUidGid, cancel);
            // docker counts nothing read from stdin.
            if (!quiet) await context.Err.WriteLineAsync(CopyPlan.Summary(0, $"{container}:{destinationInfo.Path}"));
            return;
        }

        var (path, rebaseName) = ResolveSource(GoPaths.ResolveLocal(source), followLink);
        var status = LocalFiles.Lstat(path);
        var (directory, name) = CopyPlan.Prepare(status.IsDirectory, destinationInfo);
        var entryName = name ?? rebaseName ?? GoPaths.SplitPathDirEntry(path).Base;

        var pipe = new Pipe();
        var writing = Task.Run(() =>
        {
            try
            {
                using (var output = pipe.Writer.AsStream()) PathArchiver.Write(path, entryName, output);
            }
            catch (Exception e)
            {
                pipe.Writer.Complete(e);
                throw;
            }
        }, CancellationToken.None);
        await using var tar = new CountingStream(pipe.Reader.AsStream());
        Exception? uploadError = null;
        try
        {
            await client.PutContainerArchiveAsync(container, directory, tar, noOverwriteDirNonDir: true, copyUidGid, cancel);
        }
        catch (Exception e)
        {
            // Unblocks the writer, whose own failure (reading the local files) comes first if it had one.
            uploadError = e;
            await pipe.Reader.CompleteAsync();
        }
        try
        {
            await writing;
        }
        catch (Exception e) when (e is SyscallException or IOException or UnauthorizedAccessException)
        {
            throw new CommandFailedException(e.Message);
        }
        if (uploadError is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(uploadError);
        if (!quiet) await context.Err.WriteLineAsync(CopyPlan.Summary(tar.Count, $"{container}:{destinationInfo.Path}"));
    }

    // The destination as the container has it; a failed stat is no error yet (the path may be created), as in docker.
    private static async Task<CopyInfo> DestinationInfoAsync(BerthClient client, string container, string destination, CancellationToken cancel)
    {
        var path = destination;
        try
        {
            var stat = await client.StatContainerPathAsync(container, path, cancel);
            if ((stat.Mode & GoModeSymlink) != 0)
            {
                path = stat.LinkTarget.StartsWith('/') ? stat.LinkTarget
                    : GoPaths.Clean(GoPaths.SplitPathDirEntry(destination).Dir + "/" + stat.LinkTarget);
                stat = await client.StatContainerPathAsync(container, path, cancel);
            }
            if ((stat.Mode & (GoModeDevice | GoModeIrregular)) != 0)
                throw new CommandFailedException($"destination \"{container}:{destination}\" must be a directory or a regular file: " +
                    ((stat.Mode & GoModeDevice) != 0 ? "got a device" : "got an irregular file"));
            return new CopyInfo(path, true, (stat.Mode & GoModeDir) != 0);
        }
        catch (ClientException)
        {
            return new CopyInfo(path, false, false);
        }
    }

    // archive.ResolveHostSourcePath: with -L every symlink is followed; without, only those before the last
    // component (or the last too when the path ends in "/"), so a symlink is copied as itself.
    private static (string Path, string? RebaseName) ResolveSource(string path, bool followLink)
    {
        if (followLink) return CopyPlan.Rebase(path, LocalFiles.EvalSymlinks(path));
        var (directory, file) = GoPaths.Split(path);
        var resolvedDirectory = LocalFiles.EvalSymlinks(directory);
        var resolved = resolvedDirectory.TrimEnd('/') + "/" + file;
        var rebase = GoPaths.HasTrailingSeparator(path) && GoPaths.Base(path) != GoPaths.Base(resolved) ? GoPaths.Base(path) : null;
        return (resolved, rebase);
    }
}
