using Berth.Linux.FileSystem;
using Berth.Linux.Native;
using Berth.Cli.Support;

namespace Berth.Cli.Commands.Copy;

// The local side's file questions, failing with the docker CLI's words (Go's "lstat PATH: no such file or
// directory").
public static class LocalFiles
{
    private const int Enoent = 2, Enotdir = 20, Eloop = 40;
    private const int MaxLinks = 255; // as filepath.EvalSymlinks

    public static FileStatus Lstat(string path) =>
        TryLstat(path, "lstat") ?? throw new CommandFailedException($"lstat {path}: no such file or directory");

    // Null when nothing is at the path; any other failure is the command's error (ENOTDIR too: Go's IsNotExist
    // is ENOENT only).
    public static FileStatus? TryLstat(string path, string operation)
    {
        try { return FileStatusCalls.TryLstat(path); }
        catch (SyscallException e) { throw new CommandFailedException($"{operation} {path}: {GoError(e.Errno, e.Message)}"); }
    }

    // stat(2): the status of what the path finally names, null when nothing is there.
    public static FileStatus? TryStat(string path, string operation)
    {
        var current = path;
        for (var i = 0; i <= MaxLinks; i++)
        {
            var status = TryLstat(current, operation);
            if (status is not { IsSymlink: true }) return status;
            current = Join(current, ReadLink(current));
        }
        throw new CommandFailedException($"{operation} {path}: too many levels of symbolic links");
    }

    // filepath.EvalSymlinks: the path with every symlink in it resolved; everything on the way must exist.
    public static string EvalSymlinks(string path)
    {
        var pending = new Stack<string>(GoPaths.Clean(path).Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse());
        var resolved = "/";
        var links = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part == ".") continue;
            if (part == "..")
            {
                resolved = GoPaths.Dir(resolved);
                continue;
            }
            var next = resolved == "/" ? "/" + part : resolved + "/" + part;
            var status = Lstat(next);
            if (!status.IsSymlink)
            {
                if (pending.Count > 0 && !status.IsDirectory)
                    throw new CommandFailedException($"lstat {next}/{pending.Peek()}: not a directory");
                resolved = next;
                continue;
            }
            if (++links > MaxLinks) throw new CommandFailedException($"lstat {next}: {GoError(Eloop, "")}");
            var target = ReadLink(next);
            if (target.StartsWith('/')) resolved = "/";
            foreach (var p in target.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse()) pending.Push(p);
        }
        return resolved;
    }

    public static string ReadLink(string path) =>
        new FileInfo(path).LinkTarget ?? throw new CommandFailedException($"readlink {path}: invalid argument");

    // A link's target, read from the link's directory.
    public static string Join(string link, string target) =>
        target.StartsWith('/') ? target : GoPaths.Clean(GoPaths.SplitPathDirEntry(link).Dir + "/" + target);

    public static string GoError(int errno, string fallback) => errno switch
    {
        Enoent => "no such file or directory",
        Enotdir => "not a directory",
        13 => "permission denied",
        Eloop => "too many levels of symbolic links",
        _ => fallback,
    };
}
